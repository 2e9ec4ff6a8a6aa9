import type { Client } from '@elastic/elasticsearch';
import { compileLogQuery } from '../reports';
import {
  type CursorKey,
  type FilterNode,
  type LogSort,
  type TimeRange,
  windowProblem,
} from '@sightline/schema/reports';
import type { FieldName } from '@sightline/schema';
import type { ExportAuditLog } from './audit';
import { csvColumns, ExportInputError } from './columns';
import { decodeCursor, encodeCursor, type ExportCursor } from './cursor';
import { createCsvEncoder } from './csv';
import { contentDisposition, exportFilename, type ExportFormat } from './filename';
import { FRAMES_CONTENT_TYPE } from './frames';
import type { ExportSlots } from './limits';
import { createNdjsonEncoder, ndjsonTrailer } from './ndjson';
import { createExportStream, type BodyEncoder, type ExportOutcome } from './stream';
import { exportIndices } from './range-indices';
import { openPitWalk } from './walk';

export interface ExportDeps {
  es: Client;
  slots: ExportSlots;
  audit: ExportAuditLog;
  /** Signs resume cursors and checks the ones given back. */
  cursors: CursorKey;
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
  /** NDJSON only: end with the completeness line (`{"_sightline":…}`); left out, the file holds records only. */
  marker?: boolean;
  /** The validated time range, filter tree and log order (the same as GET /api/logs takes). */
  definition: { timeRange: TimeRange; filters?: FilterNode; sort?: LogSort[] };
  /** Resolves relative time ranges; a resumed export keeps the window pinned in its cursor instead. */
  now: Date;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
}

export type ExportStart =
  | { kind: 'busy'; retryAfterSeconds: number }
  | { kind: 'stream'; headers: Record<string, string>; body: ReadableStream<Uint8Array> };

export const ESTIMATED_ROWS_HEADER = 'X-Sightline-Estimated-Rows';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
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
  if (!request.marker) return { head: '', rows: ndjson.rows };
  return {
    head: '',
    rows: ndjson.rows,
    trailer: ({ rows, error }) =>
      ndjsonTrailer(error === undefined ? { complete: true, rows } : { complete: false, rows, error }),
  };
}

/** Columns to fetch: the chosen ones, the CSV defaults, or (NDJSON without a choice) every field. */
function fetchedColumns(request: ExportRequest): FieldName[] | undefined {
  if (request.columns) return request.columns;
  return request.format === 'csv' ? csvColumns(undefined) : undefined;
}

/** The tenant-scoped log query, pinned to a resumed export's original window and checked against its fingerprint. */
function compile(request: ExportRequest, cursor: ExportCursor | undefined) {
  const columns = fetchedColumns(request);
  const input = { ...request.definition, ...(columns ? { columns } : {}) };
  const pinned = cursor ? { from: cursor.from, to: cursor.to } : undefined;
  const query = compileLogQuery(input, request.customer, request.now, pinned);
  if (cursor && cursor.fingerprint !== query.fingerprint) {
    throw new ExportInputError(
      'after: the cursor belongs to a different export (filters or time range changed)',
    );
  }
  if (cursor && cursor.sort.length !== query.sort.length) {
    throw new ExportInputError('after: the cursor does not match this export');
  }
  const window = cursor && windowProblem(request.definition.timeRange, cursor.from, cursor.to);
  if (window)
    throw new ExportInputError(`after: the cursor ${window}; start the export again without after=`);
  return query;
}

/**
 * Starts one export: takes a per-customer slot, counts the rows, pins a point in time and returns a
 * streaming body. The slot is released and the audit entry written when the stream ends, however it ends.
 */
export async function startExport(deps: ExportDeps, request: ExportRequest): Promise<ExportStart> {
  // Validate before taking a slot, so a bad cursor is a 400 even when the customer is busy.
  const cursor = request.after ? decodeCursor(deps.cursors, request.after, request.customer) : undefined;
  const logQuery = compile(request, cursor);
  const { range } = logQuery;
  const lease = await deps.slots.tryAcquire(request.customer);
  if (!lease) return { kind: 'busy', retryAfterSeconds: deps.slots.retryAfterSeconds };

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
          filters: request.definition,
          time_from: new Date(range.from).toISOString(),
          time_to: new Date(range.to).toISOString(),
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
    const index = await exportIndices(deps.es, logQuery.index, range, request.signal);
    const { count } = await deps.es.count(
      { index, query: logQuery.query, ignore_unavailable: true, allow_no_indices: true },
      { signal: request.signal },
    );
    const walk = await openPitWalk({
      es: deps.es,
      index,
      query: logQuery.query,
      sort: logQuery.sort,
      // Whole stored records: Elasticsearch copies _source bytes as they are, while `includes` makes it
      // parse and rebuild every document (measured: about twice the cost per page). Columns are picked here.
      source: true,
      ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
      ...(deps.keepAlive ? { keepAlive: deps.keepAlive } : {}),
      ...(cursor ? { after: cursor.sort } : {}),
    });
    const body = createExportStream({
      walk,
      encoder: encoderFor(request, cursor !== undefined),
      rowsBefore: cursor?.rows ?? 0,
      ...(request.frames
        ? {
            frames: {
              cursor: (sort, rows) =>
                encodeCursor(deps.cursors, request.customer, {
                  sort,
                  rows,
                  from: range.from,
                  to: range.to,
                  fingerprint: logQuery.fingerprint,
                }),
            },
          }
        : {}),
      onEnd: end,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const filename = exportFilename(
      request.customer,
      new Date(range.from),
      new Date(range.to),
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
