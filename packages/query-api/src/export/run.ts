import type { Client, estypes } from '@elastic/elasticsearch';
import { READ_ALIAS, type FieldName } from '../schema';
import type { ExportAuditLog } from './audit';
import { csvColumns } from './columns';
import { decodeCursor, type Cursor } from './cursor';
import { createCsvEncoder } from './csv';
import { contentDisposition, exportFilename, type ExportFormat } from './filename';
import { FRAMES_CONTENT_TYPE } from './frames';
import type { ExportSlots } from './limits';
import { createNdjsonEncoder, ndjsonTrailer } from './ndjson';
import { createExportStream, type BodyEncoder, type ExportOutcome } from './stream';
import { openPitWalk } from './walk';

export interface ExportDeps {
  es: Client;
  slots: ExportSlots;
  audit: ExportAuditLog;
  /** Defaults to the auth log's read alias. */
  index?: string;
  pageSize?: number;
  keepAlive?: string;
  /** Where audit failures are reported: an export is never failed because its audit entry could not be stored. */
  onAuditError?: (error: unknown) => void;
}

/** Everything one export needs, already authenticated, validated and compiled. */
export interface ExportRequest {
  customer: string;
  /** The token's name, for the audit trail. */
  token: string;
  format: ExportFormat;
  /** Chosen columns; undefined → the log table's columns (CSV) or the whole record (NDJSON). */
  columns?: FieldName[];
  bom: boolean;
  escapeFormulae: boolean;
  /** Resume cursor from an earlier, interrupted export. */
  after?: string;
  frames: boolean;
  /** The compiled, tenant-scoped query. */
  query: estypes.QueryDslQueryContainer;
  order: 'asc' | 'desc';
  /** The resolved time range [from, to) in epoch ms (names the file, goes into the audit). */
  range: { from: number; to: number };
  /** The filters as the caller gave them, for the audit trail. */
  filters: unknown;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
}

export type ExportStart =
  | { kind: 'busy'; retryAfterSeconds: number }
  | { kind: 'stream'; headers: Record<string, string>; body: ReadableStream<Uint8Array> };

export const ESTIMATED_ROWS_HEADER = 'X-Sightline-Estimated-Rows';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

function encoderFor(request: ExportRequest, resumed: boolean): BodyEncoder {
  if (request.format === 'csv') {
    const csv = createCsvEncoder({
      columns: csvColumns(request.columns),
      escapeFormulae: request.escapeFormulae,
      bom: request.bom,
    });
    // A continued export appends to a file that already has its header.
    return { head: resumed ? '' : csv.header(), rows: csv.rows };
  }
  const ndjson = createNdjsonEncoder(request.columns);
  return {
    head: '',
    rows: ndjson.rows,
    trailer: ({ rows, error }) =>
      ndjsonTrailer(error === undefined ? { complete: true, rows } : { complete: false, rows, error }),
  };
}

function sourceFor(request: ExportRequest): string[] | true {
  if (request.columns) return request.columns;
  return request.format === 'csv' ? csvColumns(undefined) : true;
}

/**
 * Starts one export: takes a per-customer slot, counts the rows, pins a point in time and returns a
 * streaming body. The slot is released and the audit entry written when the stream ends, however it ends.
 */
export async function startExport(deps: ExportDeps, request: ExportRequest): Promise<ExportStart> {
  // Validate before taking a slot, so a bad cursor is a 400 even when the customer is busy.
  const cursor: Cursor | undefined = request.after
    ? decodeCursor(request.after, request.customer)
    : undefined;
  const lease = await deps.slots.tryAcquire(request.customer);
  if (!lease) return { kind: 'busy', retryAfterSeconds: deps.slots.retryAfterSeconds };

  const index = deps.index ?? READ_ALIAS;
  const started = Date.now();
  let ended = false;
  const end = (outcome: ExportOutcome) => {
    if (ended) return;
    ended = true;
    const finished = Date.now();
    void lease
      .release()
      .then(() =>
        deps.audit.record({
          token: request.token,
          customer: request.customer,
          started_at: new Date(started).toISOString(),
          finished_at: new Date(finished).toISOString(),
          duration_ms: finished - started,
          format: request.format,
          columns: request.columns ?? null,
          filters: request.filters,
          time_from: new Date(request.range.from).toISOString(),
          time_to: new Date(request.range.to).toISOString(),
          resumed: cursor !== undefined,
          rows: outcome.rows,
          bytes: outcome.bytes,
          outcome: outcome.outcome,
          error: outcome.error ?? null,
        }),
      )
      .catch((error: unknown) => deps.onAuditError?.(error));
  };

  try {
    const { count } = await deps.es.count(
      { index, query: request.query, ignore_unavailable: true, allow_no_indices: true },
      { signal: request.signal },
    );
    const walk = await openPitWalk({
      es: deps.es,
      index,
      query: request.query,
      order: request.order,
      source: sourceFor(request),
      ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
      ...(deps.keepAlive ? { keepAlive: deps.keepAlive } : {}),
      ...(cursor ? { after: cursor.sort } : {}),
    });
    const body = createExportStream({
      walk,
      encoder: encoderFor(request, cursor !== undefined),
      customer: request.customer,
      rowsBefore: cursor?.rows ?? 0,
      frames: request.frames,
      onEnd: end,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const filename = exportFilename(
      request.customer,
      new Date(request.range.from),
      new Date(request.range.to),
      request.format,
    );
    return {
      kind: 'stream',
      body,
      headers: {
        'Content-Type': request.frames ? FRAMES_CONTENT_TYPE : CONTENT_TYPES[request.format],
        'Content-Disposition': contentDisposition(filename),
        [ESTIMATED_ROWS_HEADER]: String(count),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    };
  } catch (error) {
    end({
      outcome: request.signal?.aborted ? 'aborted' : 'failed',
      rows: 0,
      bytes: 0,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
