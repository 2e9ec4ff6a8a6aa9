import type { estypes } from '@elastic/elasticsearch';
import type { EsSearchResponse } from '../../reports';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../load-log';
import type { FirehosePartitionHealth, LoadBatch, ShardHealth } from '@sightline/schema/api-schemas';

/** The batcher's streams are `mysql/<shard database>`. */
export const SHARD_STREAM_PREFIX = 'mysql/';
/** Far more streams than a pipeline has (shards plus firehose partitions); the rest would be cut. */
const MAX_STREAMS = 1000;

/**
 * The newest load-log entry of each shard stream and each firehose partition stream
 * (`<topic>/<partition>`): one terms bucket per stream, its top hit by commit time. File ingests
 * have streams of their own and are left out.
 */
export function lastBatchesRequest(firehoseTopic: string): estypes.SearchRequest {
  return {
    index: LOAD_LOG_INDEX,
    allow_no_indices: true,
    ignore_unavailable: true,
    size: 0,
    track_total_hits: false,
    query: {
      bool: {
        should: [{ prefix: { stream: SHARD_STREAM_PREFIX } }, { prefix: { stream: `${firehoseTopic}/` } }],
        minimum_should_match: 1,
      },
    },
    aggs: {
      streams: {
        terms: { field: 'stream', size: MAX_STREAMS, order: { _key: 'asc' } },
        aggs: { last: { top_hits: { size: 1, sort: [{ '@timestamp': { order: 'desc' } }] } } },
      },
    },
  };
}

interface StreamBucket {
  key: string;
  last: { hits: { hits: { _source?: LoadLogEntry }[] } };
}

function toBatch(entry: LoadLogEntry, now: number): LoadBatch {
  const optional = (key: 'eventFrom' | 'eventTo' | 'ingestedFrom' | 'ingestedTo', value?: string) =>
    value === undefined ? {} : { [key]: new Date(value).toISOString() };
  const at = Date.parse(entry['@timestamp']);
  return {
    at: new Date(at).toISOString(),
    ageMs: Math.max(0, now - at),
    loader: entry.loader,
    stream: entry.stream,
    from: entry.from,
    to: entry.to,
    ...optional('eventFrom', entry.event_from),
    ...optional('eventTo', entry.event_to),
    ...optional('ingestedFrom', entry.ingested_from),
    ...optional('ingestedTo', entry.ingested_to),
    read: entry.read,
    stored: entry.stored,
    duplicates: entry.duplicates,
    flagged: entry.flagged,
    rejected: entry.rejected,
    durationMs: entry.duration_ms,
  };
}

/** Splits the newest batches into shard cursors and firehose partitions, each in its natural order. */
export function parseLastBatches(
  response: EsSearchResponse,
  firehoseTopic: string,
  now: Date,
): { shards: ShardHealth[]; firehose: FirehosePartitionHealth[] } {
  const buckets = (response.aggregations?.streams as { buckets?: StreamBucket[] } | undefined)?.buckets ?? [];
  const shards: ShardHealth[] = [];
  const firehose: FirehosePartitionHealth[] = [];
  const topicPrefix = `${firehoseTopic}/`;
  for (const bucket of buckets) {
    const entry = bucket.last.hits.hits[0]?._source;
    if (!entry) continue;
    const lastBatch = toBatch(entry, now.getTime());
    if (bucket.key.startsWith(SHARD_STREAM_PREFIX)) {
      shards.push({
        shard: bucket.key.slice(SHARD_STREAM_PREFIX.length),
        stream: bucket.key,
        cursor: entry.to,
        lastBatch,
      });
    } else if (bucket.key.startsWith(topicPrefix)) {
      const rest = bucket.key.slice(topicPrefix.length);
      // `<topic>/<n>` only: a topic named `<topic>/x…` is someone else's.
      if (/^\d{1,9}$/.test(rest)) firehose.push({ partition: Number(rest), stream: bucket.key, lastBatch });
    }
  }
  firehose.sort((a, b) => a.partition - b.partition);
  return { shards, firehose };
}
