import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { workspaceSources } from '../../scripts/source-condition';

export default defineProject({
  plugins: [react(), workspaceSources()],
  test: {
    name: 'charts',
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./vitest.setup.ts'],
    env: { TZ: 'UTC' },
  },
});
