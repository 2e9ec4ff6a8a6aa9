import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createClient, SightlineApiError, type ExportOptions } from '@sightline/client';
import { readLines } from '../ingest';
import type { FilterNode } from '@sightline/schema/reports';
import type { FieldName } from '@sightline/schema';
import { parseFrame } from './frames';
import { ESTIMATED_ROWS_HEADER } from './run';
import { removeSidecar, writeSidecar, type ExportSpec, type ResumeState } from './sidecar';

/** The stream stopped before its end: the sidecar holds where to continue. */
export class ExportInterruptedError extends Error {
  override name = 'ExportInterruptedError';
}

export interface DownloadProgress {
  rows: number;
  bytes: number;
  estimatedRows: number | null;
}

export interface DownloadOptions {
  token: string;
  out: string;
  sidecar: string;
  /** The state to continue from (a resumed export) or the fresh one. */
  state: ResumeState;
  onProgress?: (progress: DownloadProgress) => void;
  /** Called when the API says too many exports run; return false to give up. */
  onBusy?: (retryAfterSeconds: number, attempt: number) => boolean;
  /** How often the sidecar is rewritten while data flows. */
  checkpointMs?: number;
  signal?: AbortSignal;
}

/** The export options the CLI asks for: the framed transport, continuing after `after` when given. */
export function exportOptionsOf(spec: ExportSpec, after: string | null): ExportOptions {
  return {
    format: spec.format,
    frames: true,
    ...(spec.columns ? { columns: spec.columns as FieldName[] } : {}),
    ...(spec.bom ? { bom: true } : {}),
    ...(spec.escapeFormulae ? {} : { escapeFormulae: false }),
    ...(after ? { after } : {}),
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/**
 * Starts the export through the typed client, so a refusal is parsed as every client call's is (a
 * SightlineApiError with status, code and message); waits out a customer's busy exports while
 * `onBusy` says so.
 */
async function request(options: DownloadOptions): Promise<Response> {
  const { state, token, signal } = options;
  const { spec } = state;
  const client = createClient({
    baseUrl: new URL(spec.url).origin,
    token,
    ...(spec.customer ? { customer: spec.customer } : {}),
  });
  const timeRange = { ...spec.timeRange, timeZone: 'UTC' };
  const definition =
    spec.filters === undefined ? { timeRange } : { timeRange, filters: spec.filters as FilterNode };
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.exportLogs(
        definition,
        exportOptionsOf(spec, state.after),
        signal ? { signal } : {},
      );
    } catch (error) {
      if (!(error instanceof SightlineApiError) || error.status !== 429) throw error;
      const wait = error.retryAfter ?? 5;
      if (!(options.onBusy?.(wait, attempt) ?? false)) {
        throw new SightlineApiError(
          429,
          error.code,
          `too many exports running for this customer; retry in ${wait}s`,
          {
            retryAfter: wait,
          },
        );
      }
      await sleep(wait * 1000, signal);
    }
  }
}

/**
 * Downloads an export through the framed transport into `out`, continuing a resumed one: the file is
 * cut back to its last whole row, new rows are appended, and the sidecar records after each frame
 * how far the file is whole. Bytes reach the file before the sidecar claims them, so a kill at any
 * point leaves a state a re-run continues from exactly.
 */
export async function downloadExport(options: DownloadOptions): Promise<DownloadProgress> {
  const { state, sidecar, out } = options;
  const checkpointMs = options.checkpointMs ?? 250;
  const response = await request(options);
  const estimate = Number(response.headers.get(ESTIMATED_ROWS_HEADER));
  // A resumed export's estimate counts every row of the export, written or not.
  if (Number.isInteger(estimate) && estimate >= 0) state.estimatedRows = estimate;
  const file: FileHandle = await open(out, state.bytes === 0 && state.after === null ? 'w' : 'r+');
  let lastCheckpoint = 0;
  const checkpoint = async (force: boolean) => {
    if (!force && Date.now() - lastCheckpoint < checkpointMs) return;
    lastCheckpoint = Date.now();
    await writeSidecar(sidecar, state);
  };
  const progress = () =>
    options.onProgress?.({ rows: state.rows, bytes: state.bytes, estimatedRows: state.estimatedRows });

  try {
    await file.truncate(state.bytes);
    await checkpoint(true);
    progress();
    const body = response.body;
    if (!body) throw new ExportInterruptedError('the API sent no body');
    const stream = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
    for await (const line of readLines(stream)) {
      if (line === '') continue;
      const frame = parseFrame(line);
      if ('data' in frame && frame.data.length > 0) {
        const bytes = Buffer.from(frame.data, 'utf8');
        await file.write(bytes, 0, bytes.byteLength, state.bytes);
        state.bytes += bytes.byteLength;
      }
      if ('after' in frame) {
        state.rows = frame.rows;
        state.after = frame.after;
        await checkpoint(false);
        progress();
      } else if (frame.end === 'complete') {
        state.rows = frame.rows;
        await file.sync();
        await file.close();
        await removeSidecar(sidecar);
        progress();
        return { rows: state.rows, bytes: state.bytes, estimatedRows: state.estimatedRows };
      } else {
        throw new ExportInterruptedError(`the export failed after ${frame.rows} rows: ${frame.error}`);
      }
    }
    throw new ExportInterruptedError(`the connection ended after ${state.rows} rows`);
  } catch (error) {
    await checkpoint(true).catch(() => {});
    await file.close().catch(() => {});
    if (error instanceof ExportInterruptedError || error instanceof SightlineApiError) throw error;
    throw new ExportInterruptedError(
      `the export stopped after ${state.rows} rows: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
