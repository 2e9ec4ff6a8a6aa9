import type { Client } from '@elastic/elasticsearch';
import { BulkIndexer } from '../ingest/bulk';
import { esBulkTransport } from '../ingest/transport';
import { archivedMessage, readArchivedLine } from '../pipeline/archive/read-frame';
import { readSegment } from '../pipeline/archive/segment-reader';
import { readMessage } from '../pipeline/kafka/sink-batch';
import type { AuthLogRecord } from '@sightline/schema';
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
  /** Needed only when `ranges` names any. */
  reader?: FirehoseReader;
  /** The version index written to (never an alias: the target is named, not resolved). */
  index: string;
  period: string;
  ranges: readonly ReplayRange[];
  /** Raw archive segments, read before the firehose ranges. */
  archive?: { root: string; segments: readonly ArchivedSegment[] } | undefined;
  /**
   * The ingestion time to stamp on the record at a partition's offset; `received` is when the
   * archive says the message arrived, for offsets no stored batch recorded.
   */
  ingestedAt: (partition: number, offset: bigint, received?: string) => string;
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

/** A segment of the raw archive: of a firehose partition, or of a file ingest (no partition). */
export interface ArchivedSegment {
  segment: string;
  topic?: string;
  partition?: number;
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
  /** Indexes one record read again, if it is of the period (and the customer). */
  const take = async (read: { ok: true; record: AuthLogRecord; text: string } | { ok: false }) => {
    if (!read.ok || read.record.ts < from || read.record.ts >= to) return;
    if (o.customer !== undefined && read.record.customer_id !== o.customer) return;
    totals.read += 1;
    const doc = o.adjust ? o.adjust(read.record) : read.record;
    if (doc === null) return;
    const pending = indexer.add({
      payload: `${prefix}${JSON.stringify(doc.txid)}}}\n${JSON.stringify(doc)}\n`,
      line: totals.read,
      raw: read.text,
      flagged: doc.quality.length > 0,
    });
    if (pending) await pending;
  };
  try {
    for (const ref of o.archive?.segments ?? []) {
      if (o.signal?.aborted) throw new ReplayStoppedError('stopped');
      for await (const frame of readSegment(o.archive!.root, ref.segment)) {
        if (o.signal?.aborted) throw new ReplayStoppedError('stopped');
        if (ref.partition === undefined || ref.topic === undefined) {
          await take(readArchivedLine(frame));
          continue;
        }
        const offset = BigInt(frame.position);
        const at = o.ingestedAt(ref.partition, offset, frame.at);
        await take(readMessage(archivedMessage(ref.topic, ref.partition, frame), at));
      }
      totals.fetches += 1;
      o.onFetch?.(totals);
    }
    for (const range of o.ranges) {
      if (!o.reader) throw new Error('replaying firehose ranges needs a firehose reader');
      for await (const messages of o.reader.range(range.partition, range.from, range.to)) {
        if (o.signal?.aborted) throw new ReplayStoppedError('stopped');
        for (const message of messages) {
          totals.ends[message.partition] = String(message.offset + 1n);
          await take(readMessage(message, o.ingestedAt(message.partition, message.offset)));
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
