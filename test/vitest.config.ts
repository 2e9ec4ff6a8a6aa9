import { defineProject } from 'vitest/config';

// Cross-package tests against a real Elasticsearch (ES_URL, provisioned by scripts/es.sh)
// and real Chromium. They share one cluster, so files run one at a time.
export default defineProject({
  test: {
    name: 'integration',
    environment: 'node',
    include: ['**/*.test.ts'],
    globalSetup: ['./support/elasticsearch.setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
  },
});
