import type { Client } from '@elastic/elasticsearch';
import { ensureLoadLogFields, recordLoad } from '../load-log';
import { archiveEntry, type SegmentSummary } from './archive-entry';
import { dayOf, fileSegment } from './layout';
import { SegmentWriter } from './segment-writer';

/** What a file ingest hands the archive for each record it accepted. */
export interface ArchivedLine {
  line: number;
  raw: string;
  ingestedAt: string;
  /** Event time, for the segment's event-time range. */
  ts: string;
}

/**
 * The raw archive of one file ingest: the lines it accepted, as read, with their line numbers, in
 * one segment under the day the ingest started. Nothing appears in the archive until `commit`, so
 * an ingest that fails half-way leaves no partial segment; its re-run archives the file again.
 */
export class FileArchive {
  private first: number | null = null;
  private last = 0;
  private eventFrom: string | undefined;
  private eventTo: string | undefined;
  private receivedFrom: string | undefined;
  private receivedTo: string | undefined;

  private constructor(
    private readonly writer: SegmentWriter,
    private readonly stream: string,
    private readonly customer: string | undefined,
    private readonly started: number,
  ) {}

  /** `customer` is the tenant the ingest gave records that carry none (--customer). */
  static async open(root: string, stream: string, customer?: string): Promise<FileArchive> {
    const now = new Date();
    const writer = await SegmentWriter.open(root, fileSegment(dayOf(now), stream, now));
    return new FileArchive(writer, stream, customer, now.getTime());
  }

  add(item: ArchivedLine): Promise<void> | undefined {
    this.first ??= item.line;
    if (item.line > this.last) this.last = item.line;
    if (this.eventFrom === undefined || item.ts < this.eventFrom) this.eventFrom = item.ts;
    if (this.eventTo === undefined || item.ts > this.eventTo) this.eventTo = item.ts;
    this.receivedFrom ??= item.ingestedAt;
    this.receivedTo = item.ingestedAt;
    return this.writer.write({
      position: String(item.line),
      ...(this.customer !== undefined ? { key: this.customer } : {}),
      at: item.ingestedAt,
      value: Buffer.from(item.raw, 'utf8'),
    });
  }

  /**
   * Makes the segment durable and lists it in the load log; null (and no segment) when the ingest
   * accepted nothing.
   */
  async commit(es: Client): Promise<SegmentSummary | null> {
    if (this.first === null) {
      await this.writer.abort();
      return null;
    }
    const written = await this.writer.commit();
    const summary: SegmentSummary = {
      ...written,
      source: this.stream,
      from: String(this.first),
      to: String(this.last),
      ...(this.eventFrom && this.eventTo ? { eventFrom: this.eventFrom, eventTo: this.eventTo } : {}),
      receivedFrom: this.receivedFrom!,
      receivedTo: this.receivedTo!,
      durationMs: Date.now() - this.started,
    };
    await ensureLoadLogFields(es);
    await recordLoad(es, archiveEntry(summary, new Date().toISOString()));
    return summary;
  }

  abort(): Promise<void> {
    return this.writer.abort();
  }
}
