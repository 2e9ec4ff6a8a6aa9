import { Admin, Consumer, IS_CONTROL } from '@platformatic/kafka';
import type { PipelineConfig } from '../pipeline/config';
import { clientIdFor, kafkaClientOptions } from '../pipeline/kafka/client';
import type { SinkMessage } from '../pipeline/kafka/sink-batch';

const FETCH_MAX_BYTES = 8 * 1024 * 1024;
const FETCH_MAX_BYTES_PER_PARTITION = 4 * 1024 * 1024;

/**
 * Reads offset ranges of the firehose again, by direct fetches from each partition's leader: no
 * consumer group is joined and nothing is committed, so a replay never moves the sink's or the
 * detector's position and any number of replays may run beside them.
 */
export class FirehoseReader {
  private readonly consumer: Consumer<Buffer, Buffer, Buffer, Buffer>;

  constructor(
    private readonly config: Pick<PipelineConfig, 'brokers'>,
    private readonly topic: string,
  ) {
    this.consumer = new Consumer<Buffer, Buffer, Buffer, Buffer>({
      ...kafkaClientOptions(config, clientIdFor('replay')),
      // Required by the client; never joined (only fetch requests are sent).
      groupId: `sightline-replay-${process.pid}`,
    });
  }

  /**
   * The messages of one partition from `from` to `to` inclusive ('end': up to the partition's end
   * when the first fetch answers), a fetch at a time.
   */
  async *range(partition: number, from: bigint, to: bigint | 'end'): AsyncGenerator<SinkMessage[]> {
    let offset = from;
    let last = to;
    for (;;) {
      if (last !== 'end' && offset > last) return;
      const metadata = await this.consumer.metadata({ topics: [this.topic] });
      const topic = metadata.topics.get(this.topic);
      if (!topic) throw new Error(`the firehose topic ${this.topic} does not exist`);
      const leader = topic.partitions[partition]?.leader;
      if (leader === undefined) throw new Error(`the topic ${this.topic} has no partition ${partition}`);
      const response = await this.consumer.fetch({
        node: leader,
        maxBytes: FETCH_MAX_BYTES,
        maxWaitTime: 100,
        topics: [
          {
            topicId: topic.id,
            partitions: [
              {
                partition,
                fetchOffset: offset,
                partitionMaxBytes: FETCH_MAX_BYTES_PER_PARTITION,
                currentLeaderEpoch: -1,
                lastFetchedEpoch: -1,
              },
            ],
          },
        ],
      });
      const answer = response.responses[0]?.partitions.find((p) => p.partitionIndex === partition);
      if (!answer) throw new Error(`the broker sent nothing for ${this.topic}/${partition}`);
      if (answer.errorCode === 1 && to === 'end' && answer.logStartOffset > offset) {
        // Catching up from a position retention already dropped: what is left starts here.
        offset = answer.logStartOffset;
        continue;
      }
      if (answer.errorCode !== 0) {
        const gone = answer.errorCode === 1;
        throw new Error(
          gone
            ? `offset ${offset} of ${this.topic}/${partition} is no longer in the topic (retention); the period cannot be rebuilt from the firehose`
            : `fetching ${this.topic}/${partition} at offset ${offset} failed with Kafka error code ${answer.errorCode}`,
        );
      }
      if (last === 'end') last = answer.highWatermark - 1n;
      if (offset > last) return;
      const messages: SinkMessage[] = [];
      let next = offset;
      for (const batch of answer.records ?? []) {
        const batchEnd = batch.firstOffset + BigInt(batch.lastOffsetDelta);
        if (batchEnd + 1n > next) next = batchEnd + 1n;
        // Transaction markers are not records.
        if ((batch.attributes & IS_CONTROL) !== 0) continue;
        for (const record of batch.records) {
          const at = batch.firstOffset + BigInt(record.offsetDelta);
          if (at < offset || at > last) continue;
          const headers = new Map<Buffer, Buffer>();
          for (const [k, v] of record.headers) if (k && v) headers.set(k, v);
          messages.push({
            topic: this.topic,
            partition,
            offset: at,
            key: record.key,
            value: record.value,
            headers,
          });
        }
      }
      if (next === offset) {
        // Nothing returned below the end we are reading to: the range ends where the log does.
        if (answer.highWatermark <= offset) return;
        throw new Error(`the broker returned no records for ${this.topic}/${partition} at offset ${offset}`);
      }
      offset = next;
      if (messages.length > 0) yield messages;
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.consumer.close(true, () => resolve()));
  }
}

/** The partitions of a topic, from the brokers' metadata. */
export async function partitionsOf(
  config: Pick<PipelineConfig, 'brokers'>,
  topic: string,
): Promise<number[]> {
  const admin = new Admin(kafkaClientOptions(config, clientIdFor('replay-admin')));
  try {
    const metadata = await admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    if (count === 0) throw new Error(`the firehose topic ${topic} does not exist`);
    return Array.from({ length: count }, (_, i) => i);
  } finally {
    await admin.close();
  }
}
