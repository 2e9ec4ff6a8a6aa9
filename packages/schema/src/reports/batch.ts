import type { Issue } from './issues';
import type { ReportResult } from './result';

/**
 * At most this many reports in one POST /api/reports/batch. A page asks for about eight at once;
 * each is one or two searches, all run together, and each counts against the token's rate limit.
 */
export const MAX_BATCH_REPORTS = 20;

/** Why one report of a batch has no result: what the API would have answered for it on its own. */
export interface ReportBatchError {
  /** The HTTP status POST /api/reports/run would have given it (400, 503…). */
  status: number;
  code: string;
  message: string;
  issues?: Issue[];
  /** Seconds to wait before asking again, when the API says so (503). */
  retryAfter?: number;
}

/**
 * One line of the batch's answer (NDJSON), written as each report finishes, so the first answer does
 * not wait for the slowest: `index` is the report's place in the request.
 */
export type ReportBatchLine =
  { index: number; result: ReportResult } | { index: number; error: ReportBatchError };
