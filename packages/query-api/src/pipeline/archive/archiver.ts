import type { Client } from '@elastic/elasticsearch';
import type { PipelineConfig } from '../config';
import { runGroupMember, type KafkaMessage, type KafkaStream } from '../kafka/group-member';
import { commit, lastPerPartition } from '../kafka/offsets';
import { describeError, retryPausingFetch, StoppedError } from '../kafka/retry';
import { readMessage } from '../kafka/sink-batch';
import { ensureLoadLogFields, LoadLogRefusedError, recordLoads } from '../load-log';
import { archiveEntry, dropStaleEntries, type SegmentSummary } from './archive-entry';
import { dayOf, firehoseSegment } from './layout';
import { SegmentWriter } from './segment-writer';

export interface ArchiveOptions {
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic'>;
  /** The consumer group (default sightline-archiver). */
  group: string;
  es: Client;
  /** The archive's root directory. */
  dir: string;
  signal: AbortSignal;
  batchMessages?: number;
  batchBytes?: number;
  lingerMs?: number;
  sessionTimeoutMs?: number;
  progressEvery?: number;
  log: (line: string) => void;
}

export interface ArchiveTotals {
  batches: number;
  records: number;
  segments: number;
  /** Compressed bytes written. */
  bytes: number;
  rawBytes: number;
}

/**
 * Large batches that may wait to fill: a segment per partition and day per batch, so the archive
 * is a few thousand files a day at live rates rather than one per second, while a batch in hand
 * stays under 32 MB of records.
 */
export const ARCHIVE_DEFAULTS = {
  batchMessages: 50_000,
  batchBytes: 32 * 1024 * 1024,
  lingerMs: 10_000,
  sessionTimeoutMs: 30_000,
  progressEvery: 10,
} as const;

class CommitFailedError extends Error {
  override name = 'CommitFailedError';
}

/**
 * The archiver: a member of its own group on the firehose that keeps every message exactly as it
 * arrived. Per batch: split by partition and UTC day of the message timestamp, write each part as
 * a gzip segment (temporary file, fsync, rename), list the segments in the load log, and only then
 * commit the offsets. A batch archived but not committed is fetched again from the same offset and
 * rewrites the same segments (see firehoseSegment); a failed commit ends the membership so the next
 * one starts from the committed offset, which keeps that true.
 */
export async function runArchive(options: ArchiveOptions): Promise<ArchiveTotals> {
  const o = { ...ARCHIVE_DEFAULTS, ...options };
  const { signal, log, es } = o;
  const totals: ArchiveTotals = { batches: 0, records: 0, segments: 0, bytes: 0, rawBytes: 0 };
  let stream: KafkaStream | null = null;

  const retrying = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    retryPausingFetch(
      {
        name: 'archive',
        log,
        signal,
        stream: () => stream,
        isFatal: (error) => error instanceof LoadLogRefusedError,
      },
      what,
      work,
    );

  const batch = async (messages: KafkaMessage[]) => {
    const started = Date.now();
    const parts = new Map<string, KafkaMessage[]>();
    for (const m of messages) {
      const key = `${m.partition}|${dayOf(Number(m.timestamp))}`;
      const list = parts.get(key);
      if (list) list.push(m);
      else parts.set(key, [m]);
    }
    const written: SegmentSummary[] = [];
    for (const [key, part] of parts) {
      const day = key.slice(key.indexOf('|') + 1);
      part.sort((a, b) => (a.offset < b.offset ? -1 : 1));
      written.push(
        await retrying('the archive directory', () =>
          writePart(o.dir, o.config.firehoseTopic, day, part, started),
        ),
      );
    }
    const committedAt = new Date().toISOString();
    const entries = written.map((s) => archiveEntry(s, committedAt));
    const rewritten = entries.filter((_, i) => written[i]!.replaced);
    await retrying('Elasticsearch (load log)', async () => {
      await dropStaleEntries(es, rewritten);
      await recordLoads(es, entries);
    });
    try {
      await Promise.all(lastPerPartition(messages).map((m) => commit(m)));
    } catch (error) {
      throw new CommitFailedError(
        `commit failed (${describeError(error)}); rejoining to read again from the committed offsets`,
      );
    }
    totals.batches += 1;
    totals.records += messages.length;
    totals.segments += written.length;
    for (const s of written) {
      totals.bytes += s.bytes;
      totals.rawBytes += s.rawBytes;
    }
    if (totals.batches % o.progressEvery === 0 || totals.batches === 1)
      log(`archive: ${formatArchiveTotals(totals)}`);
  };

  try {
    await retrying('Elasticsearch (load log)', () => ensureLoadLogFields(es));
    await runGroupMember({
      name: 'archive',
      config: o.config,
      group: o.group,
      sessionTimeoutMs: o.sessionTimeoutMs,
      maxWaitTime: 1000,
      highWaterMark: Math.ceil(o.batchMessages / 4),
      reader: {
        maxMessages: o.batchMessages,
        maxBytes: o.batchBytes,
        sizeOf: (m) => (m.value?.length ?? 0) + (m.key?.length ?? 0),
        lingerMs: o.lingerMs,
      },
      signal,
      log,
      isFatal: (error) => error instanceof LoadLogRefusedError,
      onStream: (current) => (stream = current),
      batch,
      progress: () => totals.records,
    });
  } catch (error) {
    if (!(error instanceof StoppedError)) throw error;
  }
  log(`archive: stopped after ${formatArchiveTotals(totals)}`);
  return totals;
}

/** Writes one partition's messages of one day as a segment; its summary for the load log. */
async function writePart(
  dir: string,
  topic: string,
  day: string,
  part: readonly KafkaMessage[],
  started: number,
): Promise<SegmentSummary> {
  const first = part[0]!;
  const writer = await SegmentWriter.open(dir, firehoseSegment(day, topic, first.partition, first.offset));
  let eventFrom: string | undefined;
  let eventTo: string | undefined;
  let receivedFrom = Number.POSITIVE_INFINITY;
  let receivedTo = 0;
  try {
    for (const m of part) {
      const at = Number(m.timestamp);
      if (at < receivedFrom) receivedFrom = at;
      if (at > receivedTo) receivedTo = at;
      const received = new Date(at).toISOString();
      const headers: Record<string, string> = {};
      for (const [k, v] of m.headers) headers[k.toString('utf8')] = v.toString('utf8');
      await writer.write({
        position: String(m.offset),
        ...(m.key && m.key.length > 0 ? { key: m.key.toString('utf8') } : {}),
        at: received,
        ...(m.headers.size > 0 ? { headers } : {}),
        value: m.value ?? Buffer.alloc(0),
      });
      // The event-time range lets reprocess pick the segments of a period; it is read the way the
      // sink reads records, and a record it cannot read yet is archived all the same.
      const read = readMessage(m, received);
      if (read.ok) {
        const ts = read.record.ts;
        if (eventFrom === undefined || ts < eventFrom) eventFrom = ts;
        if (eventTo === undefined || ts > eventTo) eventTo = ts;
      }
    }
    const written = await writer.commit();
    return {
      ...written,
      source: `${topic}/${first.partition}`,
      from: String(first.offset),
      to: String(part.at(-1)!.offset),
      ...(eventFrom && eventTo ? { eventFrom, eventTo } : {}),
      receivedFrom: new Date(receivedFrom).toISOString(),
      receivedTo: new Date(receivedTo).toISOString(),
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export function formatArchiveTotals(t: ArchiveTotals): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `${t.batches} batches, ${t.records} records in ${t.segments} segments (${mb(t.rawBytes)} MB as received, ${mb(t.bytes)} MB compressed)`;
}
