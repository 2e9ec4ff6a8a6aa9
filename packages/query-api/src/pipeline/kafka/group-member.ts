import { Consumer, type Message, type MessagesStream } from '@platformatic/kafka';
import type { PipelineConfig } from '../config';
import { BatchReader, type BatchReaderOptions } from './batch-reader';
import { clientIdFor, kafkaClientOptions } from './client';
import { closeConsumer } from './offsets';
import { describeError, retryDelay, sleepUnlessStopped, StoppedError } from './retry';

export type KafkaMessage = Message<Buffer, Buffer, Buffer, Buffer>;
export type KafkaStream = MessagesStream<Buffer, Buffer, Buffer, Buffer>;

export interface GroupMemberOptions {
  /** The role, for the log and the client id: 'archive', 'detect'. */
  name: string;
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic'>;
  group: string;
  sessionTimeoutMs: number;
  /** How long a fetch waits for messages. */
  maxWaitTime: number;
  /** Messages the stream buffers ahead of the reader: what bounds memory while a batch is worked on. */
  highWaterMark: number;
  reader: BatchReaderOptions<KafkaMessage>;
  signal: AbortSignal;
  log: (line: string) => void;
  /** An error that ends the member (thrown to the caller) instead of a reconnect. */
  isFatal: (error: unknown) => boolean;
  /** Each membership's stream, and null once it closes: what retryPausingFetch pauses. */
  onStream: (stream: KafkaStream | null) => void;
  /** Called on every join (a rebalance may have moved partitions). */
  onJoin?: () => void;
  /** Works on one batch: side effects first, then its offsets' commit. */
  batch: (messages: KafkaMessage[]) => Promise<void>;
  /** A count that grows with each batch done, so a membership that delivered reconnects at once. */
  progress: () => number;
}

/**
 * A member of a consumer group on the firehose, until the signal aborts: each membership reads
 * batches (committed offsets, or the earliest for a new group; no autocommit) until Kafka fails it,
 * then leaves the group and joins again, backing off while memberships deliver nothing. Aborting
 * stops fetching and ends the batch reader; a fatal error leaves the group and is thrown.
 */
export async function runGroupMember(o: GroupMemberOptions): Promise<void> {
  let attempt = 0;
  while (!o.signal.aborted) {
    const delivered = await membership(o);
    if (o.signal.aborted) break;
    attempt = delivered ? 0 : attempt + 1;
    const ms = retryDelay(attempt);
    o.log(`${o.name}: reconnecting to Kafka in ${(ms / 1000).toFixed(1)} s`);
    await sleepUnlessStopped(ms, o.signal).catch(() => undefined);
  }
}

/** One membership: true when it delivered at least one batch. */
async function membership(o: GroupMemberOptions): Promise<boolean> {
  const { signal, log } = o;
  const consumer = new Consumer<Buffer, Buffer, Buffer, Buffer>({
    ...kafkaClientOptions(o.config, clientIdFor(o.name)),
    groupId: o.group,
    sessionTimeout: o.sessionTimeoutMs,
    heartbeatInterval: Math.min(3000, Math.floor(o.sessionTimeoutMs / 3)),
    rebalanceTimeout: Math.max(o.sessionTimeoutMs, 60_000),
    autocommit: false,
    maxWaitTime: o.maxWaitTime,
    highWaterMark: o.highWaterMark,
  });
  consumer.on('error', (error: Error) => log(`${o.name}: ${describeError(error)}`));
  consumer.on('consumer:group:join', ({ assignments }) => {
    o.onJoin?.();
    const partitions = (assignments ?? [])
      .filter((a) => a.topic === o.config.firehoseTopic)
      .flatMap((a) => a.partitions);
    log(`${o.name}: joined ${o.group}, partitions [${partitions.sort((a, b) => a - b).join(',')}]`);
  });
  const before = o.progress();
  let stream: KafkaStream | null = null;
  let reader: BatchReader<KafkaMessage> | null = null;
  const onAbort = () => {
    stream?.pause();
    reader?.stop();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    stream = await consumer.consume({
      topics: [o.config.firehoseTopic],
      mode: 'committed',
      fallbackMode: 'earliest',
      autocommit: false,
      highWaterMark: o.highWaterMark,
    });
    o.onStream(stream);
    reader = new BatchReader<KafkaMessage>(stream, o.reader);
    if (signal.aborted) reader.stop();
    while (!reader.done) {
      const messages = await reader.next();
      if (messages.length > 0) await o.batch(messages);
    }
  } catch (error) {
    if (o.isFatal(error)) throw error;
    if (!(error instanceof StoppedError) && !signal.aborted) log(`${o.name}: ${describeError(error)}`);
  } finally {
    signal.removeEventListener('abort', onAbort);
    o.onStream(null);
    await closeConsumer(consumer).catch((error: unknown) => {
      log(`${o.name}: leaving the group failed (${describeError(error)}); its session will expire`);
    });
  }
  return o.progress() > before;
}
