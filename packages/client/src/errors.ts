import type { Issue } from '@sightline/schema/reports';

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

/** The error an API error body describes, whatever it turned out to hold. */
export function errorFromBody(
  status: number,
  payload: ErrorPayload,
  { statusText = '', retryAfter = null }: { statusText?: string; retryAfter?: number | null } = {},
): SightlineApiError {
  const e = payload.error ?? {};
  return new SightlineApiError(
    status,
    typeof e.code === 'string' ? e.code : `http_${status}`,
    typeof e.message === 'string' ? e.message : `${status} ${statusText}`.trim(),
    {
      issues: Array.isArray(e.issues) ? (e.issues as Issue[]) : [],
      retryAfter: retryAfter !== null && Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    },
  );
}

/** Builds the error from a non-2xx response, whatever its body turned out to be. */
export async function errorFromResponse(response: Response): Promise<SightlineApiError> {
  let payload: ErrorPayload = {};
  try {
    payload = (await response.json()) as ErrorPayload;
  } catch {
    // Not JSON (a proxy's error page): the status alone has to do.
  }
  return errorFromBody(response.status, payload, {
    statusText: response.statusText,
    retryAfter: Number(response.headers.get('Retry-After')),
  });
}
