import type { BaseOptions } from '@platformatic/kafka';
import type { PipelineConfig } from '../config';

/**
 * Options every Kafka client of the pipeline shares. A broker that is restarting answers nothing for
 * a few seconds, so requests time out after a while and are retried rather than failing at once.
 */
export function kafkaClientOptions(
  config: Pick<PipelineConfig, 'brokers'>,
  clientId: string,
): Pick<
  BaseOptions,
  'clientId' | 'bootstrapBrokers' | 'timeout' | 'connectTimeout' | 'retries' | 'retryDelay'
> {
  return {
    clientId,
    bootstrapBrokers: config.brokers,
    connectTimeout: 5_000,
    timeout: 30_000,
    retries: 5,
    retryDelay: 500,
  };
}

/** A client id naming the program and process, so the broker's logs and group listings say who is who. */
export function clientIdFor(role: string): string {
  return `sightline-${role}-${process.pid}`;
}
