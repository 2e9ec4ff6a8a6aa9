import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'query-api',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    env: { TZ: 'UTC' },
  },
});
