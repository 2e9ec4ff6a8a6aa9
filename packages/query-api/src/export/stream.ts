import type { ExportOutcomeKind } from '@sightline/schema/api';
import type { SortValue } from './cursor';
import { encodeFrame, FRAME_ROWS } from './frames';
import type { Records } from './records';
import type { PitWalk, WalkPage } from './walk';

export type { ExportOutcomeKind };

export interface ExportOutcome {
  outcome: ExportOutcomeKind;
  /** Rows sent by this request (a resumed export counts only its own). */
  rows: number;
  /** Bytes of the body sent by this request. */
  bytes: number;
  error?: string;
}

/** Turns records into the export format. */
export interface BodyEncoder {
  /** Sent once before the first row (the CSV header); empty for a continued export. */
  head: string;
  /**
   * Rows `from` to `to` (default: all) as text, or as UTF-8 bytes when the encoder already has them
   * (NDJSON copies stored records through).
   */
  rows(records: Records, from?: number, to?: number): string | Uint8Array;
  /** NDJSON asked for its completeness marker ends with this line; CSV and plain NDJSON have none. */
  trailer?: (end: { rows: number; error?: string }) => string;
}

export interface ExportStreamOptions {
  walk: PitWalk;
  encoder: BodyEncoder;
  /** Rows a resumed export had already delivered: totals in trailers and cursors include them. */
  rowsBefore?: number;
  /** The resumable framed transport instead of the bare file: each frame carries this cursor after its rows. */
  frames?: { cursor(sort: SortValue[], rows: number): string };
  /** Called exactly once, when the stream completes, fails or is cancelled. */
  onEnd(outcome: ExportOutcome): void;
  /** The request's signal: a client that goes away ends the export even before the first pull. */
  signal?: AbortSignal;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A pull-based body: Elasticsearch is asked for the next page only when the HTTP layer asks for
 * more (the walk keeps at most one page ahead), so memory stays flat whatever the row count.
 * A failure part-way ends marked NDJSON with an error trailer and errors any other stream, which makes the
 * server destroy the connection: a truncated CSV can never look complete.
 */
export function createExportStream(options: ExportStreamOptions): ReadableStream<Uint8Array> {
  const { walk, encoder, frames, onEnd, signal } = options;
  const rowsBefore = options.rowsBefore ?? 0;
  const utf8 = new TextEncoder();
  let rows = 0;
  let bytes = 0;
  let head = encoder.head;
  let finished = false;

  const finish = (outcome: ExportOutcomeKind, error?: unknown) => {
    if (finished) return;
    finished = true;
    signal?.removeEventListener('abort', onAbort);
    void walk.close();
    onEnd({ outcome, rows, bytes, ...(error === undefined ? {} : { error: messageOf(error) }) });
  };
  function onAbort() {
    finish('aborted', signal?.reason ?? 'client disconnected');
  }
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, body: string | Uint8Array) => {
    if (body.length === 0) return;
    const chunk = typeof body === 'string' ? utf8.encode(body) : body;
    bytes += chunk.byteLength;
    controller.enqueue(chunk);
  };
  const utf8Text = new TextDecoder();
  const asText = (body: string | Uint8Array) => (typeof body === 'string' ? body : utf8Text.decode(body));
  /** The head, then the rows, as one chunk. */
  const withHead = (body: string | Uint8Array): string | Uint8Array => {
    if (!head) return body;
    return typeof body === 'string' ? head + body : Buffer.concat([utf8.encode(head), body]);
  };

  const framed = (cursor: (sort: SortValue[], rows: number) => string, page: WalkPage) => {
    const count = page.records.length;
    let out = '';
    for (let i = 0; i < count; i += FRAME_ROWS) {
      const end = Math.min(i + FRAME_ROWS, count);
      const total = rowsBefore + rows + end;
      const after = cursor(page.sortAt(end - 1), total);
      out += encodeFrame({
        data: (i === 0 ? head : '') + asText(encoder.rows(page.records, i, end)),
        after,
        rows: total,
      });
    }
    return out;
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // The CSV header needs no data: sending it at once gives the client its first byte before
        // Elasticsearch has answered the first page. (Framed exports carry it in their first frame.)
        if (!frames && head) {
          emit(controller, head);
          head = '';
        }
      },
      async pull(controller) {
        const gone = () => controller.error(new Error('export aborted'));
        if (finished) return gone();
        try {
          const page = await walk.next();
          if (finished) return gone();
          if (!page) {
            const total = rowsBefore + rows;
            const tail = head + (encoder.trailer?.({ rows: total }) ?? '');
            emit(controller, frames ? encodeFrame({ data: tail, end: 'complete', rows: total }) : tail);
            controller.close();
            finish('complete');
            return;
          }
          emit(controller, frames ? framed(frames.cursor, page) : withHead(encoder.rows(page.records)));
          // Encoded: the page's bytes may now be reused for the page after next.
          page.release?.();
          head = '';
          rows += page.records.length;
        } catch (error) {
          if (finished) return gone();
          const total = rowsBefore + rows;
          if (frames) {
            emit(controller, encodeFrame({ end: 'failed', error: messageOf(error), rows: total }));
            controller.close();
          } else if (encoder.trailer) {
            emit(controller, encoder.trailer({ rows: total, error: messageOf(error) }));
            controller.close();
          } else {
            controller.error(error);
          }
          finish('failed', error);
        }
      },
      cancel(reason) {
        finish('aborted', reason ?? 'client disconnected');
      },
    },
    { highWaterMark: 0 },
  );
}
