import type { SortValue } from './cursor';
import { encodeFrame, FRAME_ROWS } from './frames';
import type { PitWalk } from './walk';

export type ExportOutcomeKind = 'complete' | 'failed' | 'aborted';

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
  rows(records: readonly unknown[]): string;
  /** NDJSON ends with a trailer line that says whether the file is whole; CSV has none. */
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
 * A failure part-way ends NDJSON with an error trailer and errors a CSV stream, which makes the
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

  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    if (text.length === 0) return;
    const chunk = utf8.encode(text);
    bytes += chunk.byteLength;
    controller.enqueue(chunk);
  };

  const framed = (
    cursor: (sort: SortValue[], rows: number) => string,
    records: readonly unknown[],
    sorts: readonly SortValue[][],
  ) => {
    let out = '';
    for (let i = 0; i < records.length; i += FRAME_ROWS) {
      const slice = records.slice(i, i + FRAME_ROWS);
      const sort = sorts[i + slice.length - 1]!;
      const total = rowsBefore + rows + i + slice.length;
      const after = cursor(sort, total);
      out += encodeFrame({ data: (i === 0 ? head : '') + encoder.rows(slice), after, rows: total });
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
          emit(
            controller,
            frames ? framed(frames.cursor, page.records, page.sorts) : head + encoder.rows(page.records),
          );
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
