import { Admin, ListOffsetTimestamps } from '@platformatic/kafka';
import type { PipelineConfig } from '../config';
import { clientIdFor, kafkaClientOptions } from './client';

export interface PartitionLag {
  partition: number;
  /** The group's next offset to read; null when the group never committed on this partition. */
  committed: number | null;
  /** The offset the next published record will get. */
  logEnd: number;
  /** Records published and not yet committed by the group (from the log start when never committed). */
  lag: number;
}

export interface PipelineLag {
  topic: string;
  group: string;
  partitions: PartitionLag[];
  totalLag: number;
  deadLetter: { topic: string; messages: number };
}

type LagConfig = Pick<PipelineConfig, 'brokers' | 'firehoseTopic' | 'deadLetterTopic' | 'indexerGroup'>;

/**
 * The indexer group's lag on each firehose partition and the dead-letter topic's size, read from the
 * brokers (committed offsets and log ends), so it holds however many sink processes run.
 */
export async function pipelineLag(config: LagConfig, group = config.indexerGroup): Promise<PipelineLag> {
  const admin = new Admin(kafkaClientOptions(config, clientIdFor('lag')));
  try {
    const topics = [config.firehoseTopic, config.deadLetterTopic];
    const metadata = await admin.metadata({ topics, forceUpdate: true });
    const partitionsOf = (topic: string) =>
      Array.from({ length: metadata.topics.get(topic)?.partitionsCount ?? 0 }, (_, i) => i);
    const offsets = async (topic: string, timestamp: bigint) => {
      const listed = await admin.listOffsets({
        topics: [
          { name: topic, partitions: partitionsOf(topic).map((p) => ({ partitionIndex: p, timestamp })) },
        ],
      });
      const byPartition = new Map<number, number>();
      for (const p of listed.find((t) => t.name === topic)?.partitions ?? []) {
        byPartition.set(p.partitionIndex, Number(p.offset));
      }
      return byPartition;
    };
    const [ends, starts, deadEnds, deadStarts, commits] = await Promise.all([
      offsets(config.firehoseTopic, ListOffsetTimestamps.LATEST),
      offsets(config.firehoseTopic, ListOffsetTimestamps.EARLIEST),
      offsets(config.deadLetterTopic, ListOffsetTimestamps.LATEST),
      offsets(config.deadLetterTopic, ListOffsetTimestamps.EARLIEST),
      admin.listConsumerGroupOffsets({
        groups: [
          {
            groupId: group,
            topics: [{ name: config.firehoseTopic, partitionIndexes: partitionsOf(config.firehoseTopic) }],
          },
        ],
      }),
    ]);
    const committedBy = new Map<number, number>();
    for (const t of commits.find((g) => g.groupId === group)?.topics ?? []) {
      if (t.name !== config.firehoseTopic) continue;
      for (const p of t.partitions)
        if (p.committedOffset >= 0n) committedBy.set(p.partitionIndex, Number(p.committedOffset));
    }
    const partitions = partitionsOf(config.firehoseTopic).map((partition) => {
      const logEnd = ends.get(partition) ?? 0;
      const committed = committedBy.get(partition) ?? null;
      const from = committed ?? starts.get(partition) ?? 0;
      return { partition, committed, logEnd, lag: Math.max(0, logEnd - from) };
    });
    let deadLetters = 0;
    for (const [partition, end] of deadEnds) deadLetters += end - (deadStarts.get(partition) ?? 0);
    return {
      topic: config.firehoseTopic,
      group,
      partitions,
      totalLag: partitions.reduce((sum, p) => sum + p.lag, 0),
      deadLetter: { topic: config.deadLetterTopic, messages: deadLetters },
    };
  } finally {
    await admin.close();
  }
}
