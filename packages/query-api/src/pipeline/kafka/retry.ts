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

/**
 * `promise`, or a rejection naming `what` once `ms` pass without it settling. For closing a Kafka
 * client: one that lost its broker may never finish closing, and a daemon told to stop must still stop.
 * The timer does not keep the process alive.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** How long closing a Kafka client may take before a stopping daemon goes on without it. */
export const CLOSE_DEADLINE_MS = 10_000;

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

/** What a consumer-group member's retry loop needs to know about its member. */
export interface FetchRetry {
  /** The log line's prefix: the command's name ("consume", "detect", "archive"). */
  name: string;
  log: (line: string) => void;
  signal: AbortSignal;
  /** The member's message stream, paused while the work fails so nothing piles up in memory. */
  stream: () => { pause(): void; resume(): void } | null;
  /** Errors retrying cannot mend (a refusal of what is sent): thrown at once. */
  isFatal: (error: unknown) => boolean;
}

/**
 * Runs `work` until it succeeds, pausing the fetch from the first failure until it answers again
 * (backpressure instead of buffering); throws StoppedError when told to stop, and fatal errors at once.
 */
export async function retryPausingFetch<T>(
  member: FetchRetry,
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await work();
      if (attempt > 0) {
        member.log(`${member.name}: ${what} answers again`);
        if (!member.signal.aborted) member.stream()?.resume();
      }
      return result;
    } catch (error) {
      if (error instanceof StoppedError || member.isFatal(error)) throw error;
      const ms = retryDelay(attempt);
      if (attempt === 0) member.stream()?.pause();
      member.log(
        `${member.name}: ${what} failed (${describeError(error)}); retrying in ${(ms / 1000).toFixed(1)} s`,
      );
      await sleepUnlessStopped(ms, member.signal);
    }
  }
}
