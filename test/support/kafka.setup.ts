import type { TestProject } from 'vitest/node';
import { startService } from './provision';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
  }
}

/**
 * Pipeline tests run against a real Kafka: KAFKA_BROKERS when set, otherwise the local broker that
 * scripts/kafka.sh provisions (and reuses when it is already running). Topics are not created on
 * first use there: each test creates its own.
 */
export default function setup(project: TestProject): void {
  const brokers = startService('kafka.sh');
  process.env.KAFKA_BROKERS = brokers;
  project.provide('kafkaBrokers', brokers);
}
