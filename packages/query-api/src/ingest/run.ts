import { indexForTimestamp } from '../store/mapping';
import { BulkIndexer, type BulkOptions, type BulkTransport } from './bulk';
import { readItem } from './read-item';
import type { RejectFile } from './rejects';
import type { SourceItem } from './source';
import type { IngestSummary } from './summary';
import { targetFields } from '../versions/names';

export interface IngestProgress {
  read: number;
  indexed: number;
  rejected: number;
}

export interface IngestItemsOptions {
  transport: BulkTransport;
  items: AsyncIterable<SourceItem> | Iterable<SourceItem>;
  rejects: RejectFile;
  /** Tenant for records without one (Duo exports). */
  customer?: string | undefined;
  bulk?: Omit<BulkOptions, 'transport' | 'onIndexed' | 'onRejected' | 'onExisting'>;
  /** Judges records whose txid is already stored (see conflictJudge); without it, all are repeats. */
  onExisting?: BulkOptions['onExisting'];
  onProgress?: (progress: IngestProgress) => void;
  /** How often (records read) onProgress is called. */
  progressEvery?: number;
  clock?: () => Date;
  /**
   * The index a record goes to (default: the schema's indexForTimestamp). Must route by month, as
   * it is looked up once per month; benchmarks use it to write to throw-away indices.
   */
  indexName?: (ts: string) => string;
  /** Called once per month before its first record is written (e.g. to make its write alias). */
  beforeMonth?: (ts: string) => Promise<void>;
  /**
   * Called with each record the normaliser accepted, as it was read, before it is indexed (the raw
   * archive keeps it; awaited, so a slow archive slows the read instead of filling memory).
   */
  onAccepted?: (accepted: AcceptedItem) => Promise<void> | void;
}

/** A record accepted by the normaliser: its line, its text as read, when and for when. */
export interface AcceptedItem {
  line: number;
  raw: string;
  ingestedAt: string;
  ts: string;
}

/**
 * The action line of a document: the index follows from event time, the id is the txid. A `create`,
 * so a txid already stored keeps its first copy: a repeat or a conflicting copy, never an overwrite.
 */
function actionLine(index: string, txid: string): string {
  return `{"create":{${targetFields(index)},"_id":${JSON.stringify(txid)}}}\n`;
}

/**
 * Reads, normalises and bulk-indexes records, writing the unusable ones to the reject file.
 * Memory stays flat: the reader waits whenever the indexer has its maximum of requests in flight.
 */
export async function ingestItems(options: IngestItemsOptions): Promise<IngestSummary> {
  const clock = options.clock ?? (() => new Date());
  const indexName = options.indexName ?? indexForTimestamp;
  const started = process.hrtime.bigint();
  const { rejects } = options;
  let read = 0;
  let flagged = 0;
  const progressEvery = options.progressEvery ?? 5000;
  const indexer = new BulkIndexer({
    ...options.bulk,
    transport: options.transport,
    ...(options.onExisting ? { onExisting: options.onExisting } : {}),
    onIndexed: (_count, f) => {
      flagged += f;
    },
    onRejected: (item, reason) =>
      rejects.write({
        line: item.line,
        reason: 'elasticsearch',
        detail: reason,
        raw: typeof item.raw === 'string' ? item.raw : item.raw(),
      }),
  });
  const indices = new Map<string, string>();
  let ingestedAt = clock().toISOString();
  const ingestedFrom = ingestedAt;
  // Normalised times are UTC ISO strings of one length: they order as strings.
  let eventFrom: string | undefined;
  let eventTo: string | undefined;

  for await (const item of options.items) {
    read += 1;
    if (read % 1000 === 0) ingestedAt = clock().toISOString();
    if (read % progressEvery === 0) {
      options.onProgress?.({ read, indexed: indexer.indexed, rejected: rejects.count });
    }
    const usable = await readItem(item, { customer: options.customer, ingestedAt }, rejects);
    if (usable === null) continue;
    const { record } = usable;
    if (options.onAccepted) {
      const raw = typeof usable.raw === 'string' ? usable.raw : usable.raw();
      const archived = options.onAccepted({ line: item.line, raw, ingestedAt, ts: record.ts });
      if (archived) await archived;
    }
    if (eventFrom === undefined || record.ts < eventFrom) eventFrom = record.ts;
    if (eventTo === undefined || record.ts > eventTo) eventTo = record.ts;
    const month = record.ts.slice(0, 7);
    let index = indices.get(month);
    if (index === undefined) {
      await options.beforeMonth?.(record.ts);
      index = indexName(record.ts);
      indices.set(month, index);
    }
    const pending = indexer.add({
      payload: `${actionLine(index, record.txid)}${JSON.stringify(record)}\n`,
      line: item.line,
      id: record.txid,
      hash: record.content_hash ?? undefined,
      raw: usable.raw,
      flagged: usable.flagged,
    });
    if (pending) await pending;
  }
  await indexer.close();
  options.onProgress?.({ read, indexed: indexer.indexed, rejected: rejects.count });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    read,
    indexed: indexer.indexed,
    duplicates: indexer.duplicates,
    conflicts: indexer.conflicts,
    flagged,
    rejected: rejects.count,
    rejectsFile: rejects.count > 0 ? rejects.path : null,
    seconds,
    docsPerSecond: seconds > 0 ? indexer.indexed / seconds : 0,
    requests: indexer.requests,
    retries: indexer.retries,
    ...(eventFrom && eventTo ? { eventFrom, eventTo, ingestedFrom, ingestedTo: ingestedAt } : {}),
  };
}
