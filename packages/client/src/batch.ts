import {
  MAX_BATCH_REPORTS,
  type ReportBatchLine,
  type ReportDefinition,
  type ReportResult,
} from '@sightline/schema/reports';
import { errorFromBody, SightlineApiError } from './errors';

/** Sends one batch (POST /api/reports/batch); resolves to the streaming response, or throws the API's error. */
export type SendBatch = (definitions: ReportDefinition[], signal: AbortSignal) => Promise<Response>;
/** Runs one report on its own (POST /api/reports/run). */
export type RunOne = (definition: ReportDefinition, signal?: AbortSignal) => Promise<ReportResult>;

interface Waiting {
  definition: ReportDefinition;
  signal: AbortSignal | undefined;
  resolve: (result: ReportResult) => void;
  reject: (error: unknown) => void;
  settled: boolean;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The lines of an NDJSON body, as they arrive. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    rest += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const parts = rest.split('\n');
    rest = done ? '' : parts.pop()!;
    yield* parts.filter((line) => line.trim() !== '');
    if (done) return;
  }
}

function settle(w: Waiting, outcome: { result: ReportResult } | { error: unknown }): void {
  if (w.settled) return;
  w.settled = true;
  if ('result' in outcome) w.resolve(outcome.result);
  else w.reject(outcome.error);
}

async function dispatch(batch: Waiting[], send: SendBatch): Promise<void> {
  const controller = new AbortController();
  // A caller that leaves gets its abort at once; the request goes on for the others, and stops
  // (cancelling its searches) once nobody is waiting.
  for (const w of batch)
    w.signal?.addEventListener(
      'abort',
      () => {
        settle(w, { error: abortError(w.signal!) });
        if (batch.every((other) => other.settled)) controller.abort();
      },
      { once: true },
    );
  try {
    const response = await send(
      batch.map((w) => w.definition),
      controller.signal,
    );
    if (!response.body) throw new Error('the batch answer has no body');
    for await (const text of lines(response.body)) {
      const line = JSON.parse(text) as ReportBatchLine;
      const w = batch[line.index];
      if (!w) continue;
      if ('result' in line) settle(w, { result: line.result });
      else
        settle(w, {
          error: errorFromBody(line.error.status, line, { retryAfter: line.error.retryAfter ?? null }),
        });
    }
    const unanswered = new SightlineApiError(
      0,
      'network_error',
      'the API ended the batch without answering this report; retry',
    );
    for (const w of batch) settle(w, { error: unanswered });
  } catch (error) {
    const failure =
      error instanceof SightlineApiError || (error instanceof Error && error.name === 'AbortError')
        ? error
        : new SightlineApiError(0, 'network_error', 'the batch of reports was cut off; retry', {
            cause: error,
          });
    for (const w of batch) settle(w, { error: failure });
  }
}

/**
 * Collects the reports asked for within one task (the widgets of a page, mounted in one commit) and
 * sends them as one batch, each caller's promise settling as its line arrives. One report alone goes
 * to POST /api/reports/run as before. A browser opens at most six connections to a host, so eight
 * reports sent one request each would queue; a batch takes one connection.
 */
export function createReportBatcher(send: SendBatch, runOne: RunOne): RunOne {
  let queue: Waiting[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const waiting = queue.filter((w) => !w.settled);
    queue = [];
    if (waiting.length === 1) {
      const [w] = waiting as [Waiting];
      runOne(w.definition, w.signal).then(
        (result) => settle(w, { result }),
        (error: unknown) => settle(w, { error }),
      );
      return;
    }
    for (let i = 0; i < waiting.length; i += MAX_BATCH_REPORTS)
      void dispatch(waiting.slice(i, i + MAX_BATCH_REPORTS), send);
  }

  return (definition, signal) =>
    new Promise<ReportResult>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const w: Waiting = { definition, signal, resolve, reject, settled: false };
      // Left before the batch went out: it is not sent at all.
      signal?.addEventListener('abort', () => settle(w, { error: abortError(signal) }), { once: true });
      queue.push(w);
      if (!scheduled) {
        scheduled = true;
        // A task, not a microtask: effects of one commit and prefetches started beside them all join.
        setTimeout(flush, 0);
      }
    });
}
