import { backoff } from '../../ingest/bulk';

/** Thrown out of a wait when the sink was told to stop: the work in hand is dropped, not committed. */
export class StoppedError extends Error {
  override name = 'StoppedError';
  constructor() {
    super('stopped');
  }
}

/** Waits `ms`, or throws StoppedError as soon as `signal` aborts. */
export function sleepUnlessStopped(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new StoppedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 250, maxDelayMs: 10_000 };

/** The delay before retry number `attempt` (0-based), with the same jittered backoff as bulk ingest. */
export function retryDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.round(backoff(attempt, policy.baseDelayMs, policy.maxDelayMs, Math.random()));
}

export function describeError(error: unknown): string {
  // The Kafka client wraps the broker's answer in errors of its own (`errors`, `cause`): an operator
  // needs the innermost reason ("Unknown topic", "Connection refused"), not only "Producing failed".
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length > 0) {
    return `${(error as Error).message}: ${[...new Set(nested.map(describeError))].join('; ')}`;
  }
  const cause = (error as { cause?: unknown }).cause;
  if (error instanceof Error && cause !== undefined && cause !== error) {
    return `${error.message}: ${describeError(cause)}`;
  }
  return error instanceof Error ? error.message : String(error);
}
