import { defineProject } from 'vitest/config';
import { SOURCE_CONDITION } from '../../scripts/source-condition';

export default defineProject({
  // The workspace packages this one imports by name (@sightline/schema, @sightline/client) resolve to
  // their sources; everything else as Node resolves it.
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'node', 'development|production'] } },
  test: {
    name: 'query-api',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    env: { TZ: 'UTC' },
  },
});
