import type { estypes } from '@elastic/elasticsearch';
import { LOAD_LOG_INDEX } from '../pipeline/load-log';
import { committedBetween, loadsQuery } from '../pipeline/load-log-query';
import {
  isLoadKind,
  LOAD_BUCKET_MS,
  LOAD_KINDS,
  MAX_LOAD_STREAMS,
  type LoadKind,
} from '@sightline/schema/api';
import type { HealthRange } from './params';
import type { DataHealthLoads, LoadCounts, LoadHour } from '@sightline/schema/api-schemas';

const COUNTED = ['read', 'stored', 'duplicates', 'flagged', 'rejected'] as const;
const sums = Object.fromEntries(COUNTED.map((f) => [f, { sum: { field: f } }]));
const hours = { date_histogram: { field: '@timestamp', fixed_interval: '1h', min_doc_count: 1 }, aggs: sums };

/**
 * One search for every count of the loads panel: per loader and per stream (the busiest by rows
 * read), each with its totals and its hours. Version switches load nothing and are left out.
 */
export function loadsRequest(range: HealthRange, streamPrefix?: string): estypes.SearchRequest {
  return {
    index: LOAD_LOG_INDEX,
    ignore_unavailable: true,
    size: 0,
    track_total_hits: false,
    query: loadsQuery(
      {
        bool: { filter: [committedBetween(range.from, range.to), { terms: { loader: [...LOAD_KINDS] } }] },
      },
      streamPrefix,
    ),
    aggs: {
      kinds: { terms: { field: 'loader', size: 10 }, aggs: { ...sums, hours } },
      streams: {
        terms: { field: 'stream', size: MAX_LOAD_STREAMS, order: [{ read: 'desc' }, { _key: 'asc' }] },
        aggs: { ...sums, kind: { terms: { field: 'loader', size: 1 } }, hours },
      },
      stream_count: { cardinality: { field: 'stream' } },
    },
  };
}

type Sums = { [F in (typeof COUNTED)[number]]: { value: number | null } };
type HourBucket = Sums & { key: number; doc_count: number };
type Counted = Sums & { key: string; doc_count: number; hours: { buckets: HourBucket[] } };
interface LoadsAggs {
  kinds: { buckets: Counted[] };
  streams: { buckets: (Counted & { kind: { buckets: { key: string }[] } })[] };
  stream_count: { value: number };
}

const countsOf = (b: Sums & { doc_count: number }): LoadCounts => ({
  read: Math.round(b.read.value ?? 0),
  stored: Math.round(b.stored.value ?? 0),
  duplicates: Math.round(b.duplicates.value ?? 0),
  flagged: Math.round(b.flagged.value ?? 0),
  rejected: Math.round(b.rejected.value ?? 0),
  batches: b.doc_count,
});

const hoursOf = (b: Counted): LoadHour[] =>
  b.hours.buckets
    .filter((h) => h.doc_count > 0)
    .map((h) => ({ t: new Date(h.key).toISOString(), ...countsOf(h) }));

/** The loads panel from the answer to loadsRequest. Pure. */
export function parseLoads(response: { aggregations?: unknown }, range: HealthRange): DataHealthLoads {
  const aggs = response.aggregations as LoadsAggs | undefined;
  const kinds = (aggs?.kinds.buckets ?? [])
    .filter((b) => isLoadKind(b.key))
    .map((b) => ({ kind: b.key as LoadKind, totals: countsOf(b), hours: hoursOf(b) }));
  const sources = (aggs?.streams.buckets ?? []).flatMap((b) => {
    const kind = b.kind.buckets[0]?.key;
    return kind && isLoadKind(kind) ? [{ kind, stream: b.key, totals: countsOf(b), hours: hoursOf(b) }] : [];
  });
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    bucketMs: LOAD_BUCKET_MS,
    kinds,
    sources,
    // The cardinality is exact far beyond the number of streams a range holds.
    otherSources: Math.max(0, (aggs?.stream_count.value ?? 0) - sources.length),
  };
}
