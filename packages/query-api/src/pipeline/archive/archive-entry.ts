import type { Client } from '@elastic/elasticsearch';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../load-log';
import { archiveStream } from './layout';
import type { WrittenSegment } from './segment-writer';

export interface SegmentSummary extends WrittenSegment {
  /** The source stream: `<topic>/<partition>` or the ingested file's stream. */
  source: string;
  /** First and last position (offset or line number) in the segment. */
  from: string;
  to: string;
  /** Event-time range of the records that could be read (absent when none could). */
  eventFrom?: string;
  eventTo?: string;
  /** When its records were received. */
  receivedFrom: string;
  receivedTo: string;
  durationMs: number;
}

/**
 * The load-log entry of one archive segment: where it is (`segment`, relative to the archive's
 * root), what it holds (positions, event times) and its size. Reprocess finds segments here.
 */
export function archiveEntry(s: SegmentSummary, committedAt: string): LoadLogEntry {
  return {
    '@timestamp': committedAt,
    loader: 'archive',
    stream: archiveStream(s.source),
    from: s.from,
    to: s.to,
    ...(s.eventFrom && s.eventTo ? { event_from: s.eventFrom, event_to: s.eventTo } : {}),
    ingested_from: s.receivedFrom,
    ingested_to: s.receivedTo,
    read: s.rows,
    stored: s.rows,
    duplicates: 0,
    flagged: 0,
    rejected: 0,
    duration_ms: s.durationMs,
    segment: s.segment,
    bytes: s.bytes,
  };
}

/**
 * Removes the entries of a segment that was rewritten with another range (a batch read again after
 * a crash may end elsewhere): the log then lists each segment once, with what it holds now.
 */
export async function dropStaleEntries(es: Client, fresh: readonly LoadLogEntry[]): Promise<void> {
  if (fresh.length === 0) return;
  await es.indices.refresh({ index: LOAD_LOG_INDEX });
  const found = await es.search<LoadLogEntry>({
    index: LOAD_LOG_INDEX,
    size: 1000,
    _source: ['segment', 'from', 'to'],
    query: {
      bool: {
        filter: [{ term: { loader: 'archive' } }, { terms: { segment: fresh.map((e) => e.segment!) } }],
      },
    },
  });
  const current = new Set(fresh.map((e) => `${e.segment}|${e.from}|${e.to}`));
  const stale = found.hits.hits.filter(
    (h) => !current.has(`${h._source!.segment}|${h._source!.from}|${h._source!.to}`),
  );
  if (stale.length === 0) return;
  await es.bulk({
    operations: stale.map((h) => ({ delete: { _index: LOAD_LOG_INDEX, _id: h._id! } })),
  });
}
