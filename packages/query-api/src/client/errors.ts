import type { Issue } from '../reports/issues';

/** A failed API call: the HTTP status, the API's error code and, for bad input, each problem. */
export class SightlineApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];
  /** Seconds to wait before retrying, when the server said so (503). */
  readonly retryAfter: number | null;
  constructor(
    status: number,
    code: string,
    message: string,
    options: { issues?: Issue[]; retryAfter?: number | null; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SightlineApiError';
    this.status = status;
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfter = options.retryAfter ?? null;
  }
}

interface ErrorPayload {
  error?: { code?: unknown; message?: unknown; issues?: unknown };
}

/** Builds the error from a non-2xx response, whatever its body turned out to be. */
export async function errorFromResponse(response: Response): Promise<SightlineApiError> {
  let payload: ErrorPayload = {};
  try {
    payload = (await response.json()) as ErrorPayload;
  } catch {
    // Not JSON (a proxy's error page): the status alone has to do.
  }
  const e = payload.error ?? {};
  const retry = Number(response.headers.get('Retry-After'));
  return new SightlineApiError(
    response.status,
    typeof e.code === 'string' ? e.code : `http_${response.status}`,
    typeof e.message === 'string' ? e.message : `${response.status} ${response.statusText}`,
    {
      issues: Array.isArray(e.issues) ? (e.issues as Issue[]) : [],
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
    },
  );
}
