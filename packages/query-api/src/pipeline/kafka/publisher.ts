import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import type { PipelineConfig } from '../config';
import { POSITION_HEADER, SOURCE_HEADER, type FirehosePublisher, type FirehoseRecord } from '../firehose';
import { chunksBySize } from './chunks';
import { clientIdFor, kafkaClientOptions } from './client';

export interface PublisherOptions {
  /** Topic to publish to (default: the config's firehose). */
  topic?: string;
  clientId?: string;
  /**
   * How long a send keeps retrying while brokers are unreachable before `publish` rejects; the caller
   * then retries the same records (the sink stores each txid once, so a repeat is harmless).
   */
  retries?: number;
}

function recordBytes(record: FirehoseRecord): number {
  return Buffer.byteLength(record.value) + record.customer.length + record.source.length + 64;
}

/** The Kafka message of a firehose record: key = customer, value as received, where it came from in headers. */
export function firehoseMessage(topic: string, record: FirehoseRecord) {
  const headers: Record<string, string> = { [SOURCE_HEADER]: record.source };
  if (record.position !== undefined) headers[POSITION_HEADER] = record.position;
  return { topic, key: record.customer, value: record.value, headers };
}

/**
 * Publishes to the firehose with acks from every in-sync replica and the idempotent producer, so a
 * retried send never writes a record twice into a partition nor reorders one customer's records.
 */
export function createKafkaPublisher(
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic'>,
  options: PublisherOptions = {},
): FirehosePublisher {
  const topic = options.topic ?? config.firehoseTopic;
  const producer = new Producer({
    ...kafkaClientOptions(config, options.clientId ?? clientIdFor('producer')),
    retries: options.retries ?? 20,
    serializers: stringSerializers,
    idempotent: true,
    acks: ProduceAcks.ALL,
  });
  let closed = false;
  return {
    async publish(records: readonly FirehoseRecord[]): Promise<void> {
      if (closed) throw new Error('the firehose publisher is closed');
      if (records.length === 0) return;
      // In order, one send after the other: a customer's records keep their order on its partition.
      for (const chunk of chunksBySize(records, recordBytes)) {
        await producer.send({
          messages: chunk.map((r) => firehoseMessage(topic, r)),
          acks: ProduceAcks.ALL,
        });
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await producer.close();
    },
  };
}
