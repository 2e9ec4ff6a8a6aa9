import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { workspaceSources } from '../../scripts/source-condition';

export default defineProject({
  plugins: [react(), workspaceSources()],
  test: {
    name: 'dashboard',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    env: { TZ: 'UTC' },
  },
});
