import type { Client } from '@elastic/elasticsearch';
import { BulkIndexer } from '../ingest/bulk';
import { esBulkTransport } from '../ingest/transport';
import { readMessage } from '../pipeline/kafka/sink-batch';
import type { AuthLogRecord } from '../schema';
import type { FirehoseReader } from './firehose-reader';
import { periodRange } from './names';

export interface ReplayRange {
  partition: number;
  from: bigint;
  /** Inclusive, or 'end': up to the partition's end when its first fetch answers. */
  to: bigint | 'end';
}

export interface ReplayIntoOptions {
  es: Client;
  reader: FirehoseReader;
  /** The version index written to (never an alias: the target is named, not resolved). */
  index: string;
  period: string;
  ranges: readonly ReplayRange[];
  /** The ingestion time to stamp on the record at a partition's offset. */
  ingestedAt: (partition: number, offset: bigint) => string;
  adjust?: ((record: AuthLogRecord) => AuthLogRecord | null) | undefined;
  /** Only this customer's records. */
  customer?: string | undefined;
  signal?: AbortSignal | undefined;
  onFetch?: (totals: ReplayTotals) => void;
  bulkDocs?: number;
  concurrency?: number;
}

export interface ReplayTotals {
  fetches: number;
  /** Records of the period read (others on the same offsets are skipped). */
  read: number;
  stored: number;
  rejected: number;
  /** Per partition, the offset after the last one read. */
  ends: Record<string, string>;
}

export class ReplayStoppedError extends Error {
  override name = 'ReplayStoppedError';
}

/**
 * Reads firehose ranges again and indexes the period's records into a version: each message is read
 * by the sink's own code (readMessage: the normalisation and enrichment in effect), the txid is the
 * document id, so reading a range twice stores it once.
 */
export async function replayInto(o: ReplayIntoOptions): Promise<ReplayTotals> {
  const { from, to } = periodRange(o.period);
  const totals: ReplayTotals = { fetches: 0, read: 0, stored: 0, rejected: 0, ends: {} };
  const indexer = new BulkIndexer({
    transport: esBulkTransport(o.es),
    maxDocs: o.bulkDocs ?? 2500,
    concurrency: o.concurrency ?? 2,
    // Stored now or by an earlier run of the same replay (a re-run after a kill): in the version either way.
    onItemIndexed: () => {
      totals.stored += 1;
    },
    onRejected: () => {
      totals.rejected += 1;
    },
  });
  // A `create`, as live writers do: the first copy of a txid in the firehose is the one kept, so the
  // version holds what the version in use holds; a later conflicting copy was recorded when it arrived.
  const prefix = `{"create":{"_index":${JSON.stringify(o.index)},"_id":`;
  try {
    for (const range of o.ranges) {
      for await (const messages of o.reader.range(range.partition, range.from, range.to)) {
        if (o.signal?.aborted) throw new ReplayStoppedError('stopped');
        for (const message of messages) {
          totals.ends[message.partition] = String(message.offset + 1n);
          const read = readMessage(message, o.ingestedAt(message.partition, message.offset));
          if (!read.ok || read.record.ts < from || read.record.ts >= to) continue;
          if (o.customer !== undefined && read.record.customer_id !== o.customer) continue;
          totals.read += 1;
          const doc = o.adjust ? o.adjust(read.record) : read.record;
          if (doc === null) continue;
          const pending = indexer.add({
            payload: `${prefix}${JSON.stringify(doc.txid)}}}\n${JSON.stringify(doc)}\n`,
            line: totals.read,
            raw: read.text,
            flagged: doc.quality.length > 0,
          });
          if (pending) await pending;
        }
        totals.fetches += 1;
        o.onFetch?.(totals);
      }
    }
  } finally {
    // What is in flight is let finish, also when stopped: a re-run finds it stored (same ids).
    await indexer.close();
  }
  return totals;
}
