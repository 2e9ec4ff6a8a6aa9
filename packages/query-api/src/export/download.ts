import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { readLines } from '../ingest';
import { parseFrame } from './frames';
import { ESTIMATED_ROWS_HEADER } from './run';
import { removeSidecar, writeSidecar, type ExportSpec, type ResumeState } from './sidecar';

/** The API refused the request; `status` tells bad input (4xx) from trouble (5xx). */
export class ExportHttpError extends Error {
  override name = 'ExportHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

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

/** The request URL for a spec, continuing after `after` when given. */
export function exportUrl(spec: ExportSpec, after: string | null): string {
  const url = new URL('/api/logs/export', spec.url);
  const params = url.searchParams;
  params.set('format', spec.format);
  params.set('frames', '1');
  if (spec.columns) params.set('columns', spec.columns.join(','));
  if (spec.bom) params.set('bom', '1');
  if (!spec.escapeFormulae) params.set('escapeFormulae', '0');
  if (spec.customer) params.set('customer', spec.customer);
  if (after) params.set('after', after);
  return url.toString();
}

function requestBody(spec: ExportSpec): string {
  const timeRange = { ...spec.timeRange, timeZone: 'UTC' };
  return JSON.stringify(spec.filters === undefined ? { timeRange } : { timeRange, filters: spec.filters });
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not the API's JSON error body
  }
  return `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

async function request(options: DownloadOptions): Promise<Response> {
  const { state, token, signal } = options;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(exportUrl(state.spec, state.after), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: requestBody(state.spec),
      ...(signal ? { signal } : {}),
    });
    if (response.status === 429) {
      const wait = Number(response.headers.get('Retry-After')) || 5;
      await response.body?.cancel();
      if (!(options.onBusy?.(wait, attempt) ?? false)) {
        throw new ExportHttpError(429, `too many exports running for this customer; retry in ${wait}s`);
      }
      await sleep(wait * 1000, signal);
      continue;
    }
    if (!response.ok) throw new ExportHttpError(response.status, await errorMessage(response));
    return response;
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
    if (error instanceof ExportInterruptedError || error instanceof ExportHttpError) throw error;
    throw new ExportInterruptedError(
      `the export stopped after ${state.rows} rows: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
