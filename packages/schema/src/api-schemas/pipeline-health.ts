import { z } from 'zod';

/**
 * What the API says about the live pipeline: how fresh a customer's stored data is (any token) and
 * how each part of the pipeline is doing (admin tokens). Declared once as zod schemas: the routes'
 * answers, the OpenAPI document and the typed client's types all come from here.
 */

const instant = z.iso.datetime({ offset: true });
const age = z
  .number()
  .int()
  .nonnegative()
  .describe('Milliseconds between that instant and the answer (0 when the instant lies ahead)');

export const freshnessSchema = z
  .object({
    customer: z
      .string()
      .nullable()
      .describe('The customer the figures are for; null for every customer (admin tokens naming none)'),
    newestEventAt: instant.nullable().describe('Newest event time (`ts`) stored; null when nothing is'),
    newestEventAgeMs: age.nullable(),
    newestIngestedAt: instant.nullable().describe('Newest `ingested_at` stored: when data last arrived'),
    newestIngestedAgeMs: age.nullable(),
    lag: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .describe('Messages the indexer group has yet to store, over every partition; null when unknown'),
    lagUnavailable: z
      .string()
      .optional()
      .describe('Why the lag is unknown: Kafka not configured for this API, or unreachable'),
    stale: z
      .boolean()
      .describe(
        'True when records are waiting yet nothing arrived for staleAfterMs, or the lag is above laggingAboveMessages',
      ),
    staleAfterMs: z.number().int().positive(),
    laggingAboveMessages: z.number().int().positive(),
    checkedAt: instant,
  })
  .meta({ id: 'Freshness' });
export type Freshness = z.infer<typeof freshnessSchema>;

export const partitionLagSchema = z.object({
  partition: z.number().int().nonnegative(),
  /** Null when the group never committed on this partition. */
  committed: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative(),
  lag: z.number().int().nonnegative(),
});
export type PartitionLag = z.infer<typeof partitionLagSchema>;

/** What the lag port reads from Kafka for the indexer group. */
export interface PipelineLag {
  partitions: PartitionLag[];
  /** Records in the dead-letter topic. */
  deadLetters: number;
}

/**
 * Kafka access of the API, injected (main.ts builds it from KAFKA_BROKERS), so the API stays
 * stateless and its tests need no broker. `lag` rejects when Kafka cannot be reached.
 */
export interface PipelinePort {
  firehoseTopic: string;
  deadLetterTopic: string;
  indexerGroup: string;
  lag(options?: { signal?: AbortSignal }): Promise<PipelineLag>;
}

export const batchSchema = z
  .object({
    at: instant.describe('When the batch was committed'),
    ageMs: age,
    loader: z.enum(['sink', 'batcher', 'file', 'version', 'archive']),
    stream: z.string(),
    from: z.string().describe('First position of the batch at its source (offset, row id, line)'),
    to: z.string().describe('Last position of the batch, inclusive'),
    eventFrom: instant.optional(),
    eventTo: instant.optional(),
    ingestedFrom: instant.optional(),
    ingestedTo: instant.optional(),
    read: z.number().int(),
    stored: z.number().int(),
    duplicates: z.number().int(),
    flagged: z.number().int(),
    rejected: z.number().int(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'LoadBatch' });
export type LoadBatch = z.infer<typeof batchSchema>;

export const pipelineStatusSchema = z.enum(['ok', 'lagging', 'stalled']);
export type PipelineStatus = z.infer<typeof pipelineStatusSchema>;

export const pipelineThresholdsSchema = z.object({
  laggingAboveMessages: z.number().int().positive().describe('Total lag above this is lagging'),
  stalledAfterMs: z
    .number()
    .int()
    .positive()
    .describe('A partition with lag and no batch committed for this long is stalled'),
});
export type PipelineThresholds = z.infer<typeof pipelineThresholdsSchema>;

/** A source a failing quality check (or an operator) holds: its loader reads nothing until resumed. */
export const sourcePauseSchema = z
  .object({
    source: z.string().describe('The load-log stream held: a shard (mysql/…) or a partition'),
    since: instant,
    check: z.string().nullable().describe('The quality check that paused it; null when paused by hand'),
    reason: z.string(),
    by: z.string(),
  })
  .meta({ id: 'SourcePause' });
export type SourcePause = z.infer<typeof sourcePauseSchema>;

export const pipelineHealthSchema = z
  .object({
    status: pipelineStatusSchema.describe(
      'ok; lagging (total lag above laggingAboveMessages); stalled (the lag cannot be read from Kafka, or a partition with lag and no committed batch for stalledAfterMs)',
    ),
    reasons: z.array(z.string()).describe('Each rule that set the status, in words; empty when ok'),
    thresholds: pipelineThresholdsSchema,
    checkedAt: instant,
    kafka: z
      .discriminatedUnion('available', [
        z.object({
          available: z.literal(true),
          topic: z.string(),
          group: z.string(),
          totalLag: z.number().int().nonnegative(),
          partitions: z.array(partitionLagSchema),
          deadLetterTopic: z.string(),
          deadLetters: z.number().int().nonnegative(),
        }),
        z.object({ available: z.literal(false), reason: z.string() }),
      ])
      .describe('The indexer group read from Kafka, or why it could not be'),
    shards: z
      .array(
        z.object({
          shard: z.string().describe('The shard database'),
          stream: z.string(),
          cursor: z.string().describe('The last row id the batcher published'),
          lastBatch: batchSchema,
        }),
      )
      .describe('Per source shard: its cursor and last batch, from the load log'),
    firehose: z
      .array(
        z.object({ partition: z.number().int().nonnegative(), stream: z.string(), lastBatch: batchSchema }),
      )
      .describe('Per firehose partition: the last batch the sink committed, from the load log'),
    freshness: freshnessSchema,
    paused: z
      .array(sourcePauseSchema)
      .describe(
        'Sources a failing quality check with the pause policy holds: their loader reads nothing until `sightline quality resume`',
      ),
  })
  .meta({ id: 'PipelineHealth' });
export type PipelineHealth = z.infer<typeof pipelineHealthSchema>;
export type ShardHealth = PipelineHealth['shards'][number];
export type FirehosePartitionHealth = PipelineHealth['firehose'][number];
export type KafkaHealth = PipelineHealth['kafka'];
