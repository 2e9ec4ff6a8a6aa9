/** What the connected layer reads off a failure: `SightlineApiError` from '@sightline/client' has both. */
interface Refusal {
  status: number;
  /** Seconds the API asked the caller to wait (429, 503). */
  retryAfter?: number | null;
}

function refusal(error: unknown): Refusal | undefined {
  return typeof error === 'object' && error !== null && typeof (error as Refusal).status === 'number'
    ? (error as Refusal)
    : undefined;
}

/** How many times a failed report is tried again. */
export const MAX_RETRIES = 1;
/** The longest wait before a retry, even when the API asks for more: the reader sees the error instead. */
const MAX_RETRY_DELAY_MS = 10_000;

/**
 * Whether a failed query is tried again: once, for what can pass (the network, a server error, a rate
 * limit); never for a refusal that asking again cannot change (a bad definition, a refused token, a
 * customer the token cannot read).
 */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (failures >= MAX_RETRIES) return false;
  const status = refusal(error)?.status;
  return status === undefined || status === 0 || status === 429 || status >= 500;
}

/** The wait before a retry: what the API asked for (Retry-After), or a second. */
export function retryDelay(failures: number, error: unknown): number {
  const after = refusal(error)?.retryAfter;
  return typeof after === 'number' && after > 0
    ? Math.min(after * 1000, MAX_RETRY_DELAY_MS)
    : 1000 * 2 ** failures;
}

/** The query defaults of `SightlineProvider`'s own cache; spread them into yours to share the policy. */
export const sightlineQueryDefaults = {
  retry: shouldRetry,
  retryDelay,
  staleTime: 30_000,
} as const;
