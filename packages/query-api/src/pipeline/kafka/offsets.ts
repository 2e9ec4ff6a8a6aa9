import type { Consumer, Message } from '@platformatic/kafka';
import { CLOSE_DEADLINE_MS, within } from './retry';

type KafkaMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/** Commits the offset after `message`: everything up to it in its partition is done. */
export function commit(message: KafkaMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    message.commit((error?: Error) => (error ? reject(error) : resolve()));
  });
}

/** Closes the streams, leaves the group and closes the connections; fails if that takes over CLOSE_DEADLINE_MS. */
export function closeConsumer(consumer: Consumer<Buffer, Buffer, Buffer, Buffer>): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => {
    consumer.close(true, (error) => (error ? reject(error) : resolve()));
  });
  return within(closed, CLOSE_DEADLINE_MS, 'leaving the group');
}

/** The newest fetched message of each partition: what a batch commits. */
export function lastPerPartition(messages: readonly KafkaMessage[]): KafkaMessage[] {
  const last = new Map<number, KafkaMessage>();
  for (const m of messages) {
    const l = last.get(m.partition);
    if (!l || m.offset > l.offset) last.set(m.partition, m);
  }
  return [...last.values()];
}
