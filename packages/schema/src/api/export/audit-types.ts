/** The two download formats. */
export type ExportFormat = 'csv' | 'ndjson';

/** How an export request ended. */
export type ExportOutcomeKind = 'complete' | 'failed' | 'aborted';

/** Who exported what, when, and how it ended: one entry per export request. */
export interface ExportAuditEntry {
  id: string;
  /** The token's name (never the secret). */
  token: string;
  customer: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  format: ExportFormat;
  /** The chosen columns; null when the export used the defaults (CSV) or the whole record (NDJSON). */
  columns: string[] | null;
  /** The filters as requested (query parameters or the report definition). */
  filters: unknown;
  time_from: string;
  time_to: string;
  /** True when the request continued an earlier export (`after=`). */
  resumed: boolean;
  rows: number;
  bytes: number;
  outcome: ExportOutcomeKind;
  error: string | null;
}

export interface AuditPage {
  entries: ExportAuditEntry[];
  /** Cursor for the next page, null on the last. */
  next: string | null;
}

export interface AuditQuery {
  limit: number;
  after?: string;
  customer?: string;
}
