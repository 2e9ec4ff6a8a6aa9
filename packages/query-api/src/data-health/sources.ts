import type { Client } from '@elastic/elasticsearch';
import type {
  DataHealthSources,
  Freshness,
  PipelineHealth,
  SourceHealth,
} from '@sightline/schema/api-schemas';
import { committedBetween, newestPerStream, type StreamNewest } from '../pipeline/load-log-query';
import { judgeFreshness } from '../pipeline/quality/freshness';
import { QUALITY_THRESHOLDS, type QualityThresholds } from '../pipeline/quality/thresholds';
import { isLoadKind } from '@sightline/schema/api';
import type { HealthRange } from './params';

const DAY_MS = 86_400_000;

/**
 * The streams that loaded in the range, or in the look-back the freshness check judges sources over
 * (so the table lists what the check does, whatever range the page shows), with what each delivered
 * last.
 */
export function readSources(
  client: Client,
  range: HealthRange,
  now: Date,
  thresholds: QualityThresholds = QUALITY_THRESHOLDS,
): Promise<StreamNewest[]> {
  const lookBack = now.getTime() - thresholds.zeroRows.previousDays * DAY_MS;
  return newestPerStream(client, {
    bool: {
      should: [committedBetween(range.from, range.to), committedBetween(lookBack, now)],
      minimum_should_match: 1,
    },
  });
}

const ageOf = (iso: string | null, now: Date) =>
  iso === null ? null : Math.max(0, now.getTime() - Date.parse(iso));

/**
 * Joins what each stream delivered with the pipeline's health: the freshness check's verdict now
 * (the check's own judge and threshold), whether it is paused, and for a firehose partition its lag.
 * Pure.
 */
export function sourcesHealth(
  streams: readonly StreamNewest[],
  pipeline: PipelineHealth,
  freshness: Freshness,
  now: Date,
  thresholds: QualityThresholds = QUALITY_THRESHOLDS,
): DataHealthSources {
  const partitions = new Map(pipeline.firehose.map((f) => [f.stream, f.partition]));
  const pauses = new Map(pipeline.paused.map((p) => [p.source, p]));
  const lags = pipeline.kafka.available
    ? new Map(pipeline.kafka.partitions.map((p) => [p.partition, p.lag]))
    : null;
  const sources = streams.flatMap((s): SourceHealth[] => {
    if (!isLoadKind(s.loader)) return [];
    const partition = partitions.get(s.stream) ?? null;
    return [
      {
        kind: s.loader,
        stream: s.stream,
        partition,
        lastBatchAt: s.lastBatchAt,
        lastBatchAgeMs: ageOf(s.lastBatchAt, now)!,
        position: s.lastPosition,
        newestEventAt: s.newestEvent,
        newestEventAgeMs: ageOf(s.newestEvent, now),
        newestIngestedAt: s.newestIngested,
        newestIngestedAgeMs: ageOf(s.newestIngested, now),
        freshness: judgeFreshness(s, thresholds, now).status === 'pass' ? 'pass' : 'fail',
        lag: partition !== null && lags ? (lags.get(partition) ?? null) : null,
        paused: pauses.get(s.stream) ?? null,
      },
    ];
  });
  return {
    checkedAt: now.toISOString(),
    status: pipeline.status,
    reasons: pipeline.reasons,
    freshnessMs: thresholds.freshnessMs,
    lagAvailable: pipeline.kafka.available,
    ...(pipeline.kafka.available ? {} : { lagUnavailable: pipeline.kafka.reason }),
    deadLetters: pipeline.kafka.available ? pipeline.kafka.deadLetters : null,
    freshness,
    sources,
    paused: pipeline.paused,
  };
}
