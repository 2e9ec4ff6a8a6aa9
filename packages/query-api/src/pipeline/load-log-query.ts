import type { Client, estypes } from '@elastic/elasticsearch';
import { LOAD_LOG_INDEX, type LoadLogEntry } from './load-log';

/**
 * The load-log queries shared by its readers (the quality checks, the data health): which entries
 * count as loads, in which window, and what each stream last delivered.
 */

/** Load-log entries committed in (from, to]: the window every reader of the log counts loads in. */
export function committedBetween(from: Date | number, to: Date | number): estypes.QueryDslQueryContainer {
  return {
    range: {
      '@timestamp': { gt: new Date(from).toISOString(), lte: new Date(to).toISOString() },
    },
  };
}

/**
 * The entries that loaded records, within `time` (one window, or several as a `bool.should`),
 * optionally of streams starting with `streamPrefix`. A version switch loads no records: its entry
 * is for downstream recomputation only, so every count of loads leaves it aside.
 */
export function loadsQuery(
  time: estypes.QueryDslQueryContainer,
  streamPrefix?: string,
): estypes.QueryDslQueryContainer {
  return {
    bool: {
      filter: [time, ...(streamPrefix ? [{ prefix: { stream: streamPrefix } }] : [])],
      must_not: [{ term: { loader: 'version' } }],
    },
  };
}

/** What one stream delivered last, as its load-log entries in a window record it. */
export interface StreamNewest {
  stream: string;
  loader: LoadLogEntry['loader'];
  /** Newest event time of its batches; null when none carried a usable event. */
  newestEvent: string | null;
  /** Newest ingestion time stamped on what it stored; null when none was recorded. */
  newestIngested: string | null;
  /** Its newest batch: when it was committed and the position it ended at (offset, row id, line). */
  lastBatchAt: string;
  lastPosition: string;
}

/** Far more streams than a pipeline has (partitions, shards and the files of a window). */
const MAX_STREAMS = 10_000;

interface NewestBucket {
  key: string;
  newest_event: { value_as_string?: string };
  newest_ingested: { value_as_string?: string };
  last: { hits: { hits: { _source?: Pick<LoadLogEntry, '@timestamp' | 'loader' | 'to'> }[] } };
}

const iso = (value?: string) => (value ? new Date(value).toISOString() : null);

/** Per stream that loaded within `time`: its newest event and ingestion times and its last batch. */
export async function newestPerStream(
  client: Client,
  time: estypes.QueryDslQueryContainer,
  streamPrefix?: string,
): Promise<StreamNewest[]> {
  const found = await client.search<unknown, { streams: { buckets: NewestBucket[] } }>({
    index: LOAD_LOG_INDEX,
    ignore_unavailable: true,
    size: 0,
    query: loadsQuery(time, streamPrefix),
    aggs: {
      streams: {
        terms: { field: 'stream', size: MAX_STREAMS, order: { _key: 'asc' } },
        aggs: {
          newest_event: { max: { field: 'event_to' } },
          newest_ingested: { max: { field: 'ingested_to' } },
          last: {
            top_hits: {
              size: 1,
              sort: [{ '@timestamp': { order: 'desc' } }],
              _source: ['@timestamp', 'loader', 'to'],
            },
          },
        },
      },
    },
  });
  return (found.aggregations?.streams.buckets ?? []).flatMap((b) => {
    const last = b.last.hits.hits[0]?._source;
    if (!last) return [];
    return [
      {
        stream: b.key,
        loader: last.loader,
        newestEvent: iso(b.newest_event.value_as_string),
        newestIngested: iso(b.newest_ingested.value_as_string),
        lastBatchAt: new Date(last['@timestamp']).toISOString(),
        lastPosition: last.to,
      },
    ];
  });
}
