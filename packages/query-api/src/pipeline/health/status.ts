import type {
  FirehosePartitionHealth,
  KafkaHealth,
  PipelineStatus,
  PipelineThresholds,
} from '@sightline/schema/api-schemas';

/**
 * A burst of a few batches is normal; ten thousand waiting messages is minutes of a busy customer's
 * logins that the dashboards do not show yet.
 */
export const LAGGING_ABOVE_MESSAGES = 10_000;
/**
 * The sink commits a batch every few seconds while it has work; a minute without one on a partition
 * that has messages waiting means its consumer is stuck or gone.
 */
export const STALLED_AFTER_MS = 60_000;

export const DEFAULT_THRESHOLDS: PipelineThresholds = {
  laggingAboveMessages: LAGGING_ABOVE_MESSAGES,
  stalledAfterMs: STALLED_AFTER_MS,
};

export interface StatusInput {
  kafka: KafkaHealth | null;
  firehose: readonly FirehosePartitionHealth[];
  thresholds: PipelineThresholds;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * The pipeline's state in one word, with the reasons an operator reads to act on it. Without a lag
 * port (Kafka not configured for this API) only the load log is known, and it alone never proves a
 * stall: a quiet source commits no batches either.
 */
export function pipelineStatus({ kafka, firehose, thresholds }: StatusInput): {
  status: PipelineStatus;
  reasons: string[];
} {
  if (kafka === null) return { status: 'ok', reasons: [] };
  if (!kafka.available) return { status: 'stalled', reasons: [kafka.reason] };
  const stalled: string[] = [];
  const lastBatch = new Map(firehose.map((p) => [p.partition, p.lastBatch]));
  for (const p of kafka.partitions) {
    if (p.lag === 0) continue;
    const batch = lastBatch.get(p.partition);
    if (!batch)
      stalled.push(`partition ${p.partition}: ${p.lag} messages waiting and no batch committed yet`);
    else if (batch.ageMs > thresholds.stalledAfterMs)
      stalled.push(
        `partition ${p.partition}: ${p.lag} messages waiting and no batch committed for ${seconds(batch.ageMs)} (stalled after ${seconds(thresholds.stalledAfterMs)})`,
      );
  }
  if (stalled.length > 0) return { status: 'stalled', reasons: stalled };
  if (kafka.totalLag > thresholds.laggingAboveMessages)
    return {
      status: 'lagging',
      reasons: [
        `${kafka.totalLag} messages waiting, above ${thresholds.laggingAboveMessages} (group ${kafka.group})`,
      ],
    };
  return { status: 'ok', reasons: [] };
}
