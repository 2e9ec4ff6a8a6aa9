import { defineProject } from 'vitest/config';
import { SOURCE_CONDITION } from '../scripts/source-condition';

// Cross-package tests against a real Elasticsearch (ES_URL, provisioned by scripts/es.sh), the live
// pipeline's Kafka (KAFKA_BROKERS, scripts/kafka.sh) and MariaDB (SIGHTLINE_MYSQL_URL,
// scripts/mariadb.sh), and real Chromium. They share these services, so files run one at a time.
export default defineProject({
  // Tests import the dashboard's and the packages' sources, which import the packages by name: in
  // Node, resolve those to their sources, as the workspace's other projects do (not to a build).
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'node', 'development|production'] } },
  test: {
    name: 'integration',
    environment: 'node',
    include: ['**/*.test.ts'],
    globalSetup: [
      './support/elasticsearch.setup.ts',
      './support/kafka.setup.ts',
      './support/mariadb.setup.ts',
      './support/secret-key.setup.ts',
    ],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
  },
});
