import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { ReportDefinitionError, type Issue } from '@sightline/schema/reports';
import { isAborted, isUnavailable, refusalReason } from './es';

/** Error codes clients can switch on (the OpenAPI document lists them from here). */
export const ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  /** An export refused because the customer runs its maximum of concurrent exports. */
  'too_many_exports',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error body every failure has. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: Issue[] };
}

export const RETRY_AFTER_SECONDS = 5;

/** nginx's status for a request its client abandoned; never seen by that client, but logged as such. */
const CLIENT_CLOSED_REQUEST = 499 as StatusCode;

/** An HTTP error with a code and, for bad input, one issue per problem. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  readonly headers: Record<string, string>;
  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    options: { issues?: Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(status, { message });
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
  }
}

export function invalid(issues: Issue[], message = 'invalid request'): ApiError {
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ApiError(400, 'invalid_request', `${message}: ${summary}`, { issues });
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * Maps anything thrown to an ApiError: Elasticsearch's refusals of a malformed search become 400s with
 * their short reason; what is not understood becomes a 500 without internals.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ReportDefinitionError) return invalid(error.issues, 'invalid report definition');
  if (isUnavailable(error))
    return new ApiError(503, 'unavailable', 'Elasticsearch is unavailable; retry shortly', {
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  const refused = refusalReason(error);
  if (refused !== null)
    return invalid([{ path: '', message: refused }], 'Elasticsearch cannot run this request');
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return new ApiError(
      status,
      CODE_BY_STATUS[status] ?? 'invalid_request',
      error.message || 'request failed',
    );
  }
  return new ApiError(500, 'internal', 'internal error');
}

/** Logs what the caller cannot be told: an unexpected fault, or a search validation should have refused. */
export function logFault(error: unknown, api: ApiError): void {
  if (api.status >= 500 && api.code === 'internal') console.error('sightline api:', error);
  // The caller gets a 400, but validation let this through and should learn to refuse it itself.
  else if (refusalReason(error) !== null)
    console.warn('sightline api: Elasticsearch refused a request:', error);
}

/** The error body of an ApiError, as every route answers it. */
export function errorBody(api: ApiError): ErrorBody {
  return { error: { code: api.code, message: api.message, ...(api.issues ? { issues: api.issues } : {}) } };
}

/** The app's single error handler: JSON body, no stack traces; unexpected errors are logged server-side. */
export function handleError(error: unknown, c: Context): Response {
  // The caller went away (a widget unmounted, a filter changed) and its search was cancelled with it:
  // routine, not a server fault, and nobody is left to read the answer.
  if (isAborted(error, c.req.raw.signal)) return c.body(null, CLIENT_CLOSED_REQUEST);
  const api = toApiError(error);
  logFault(error, api);
  return c.json(errorBody(api), api.status as ContentfulStatusCode, api.headers);
}
