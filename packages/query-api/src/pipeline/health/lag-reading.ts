import type { PipelineLag, PipelinePort } from '@sightline/schema/api-schemas';

/** A reading this recent is handed out again without asking Kafka: every poll wants the same figure. */
export const LAG_FRESH_MS = 2_000;
/** An unreachable or slow broker must not hold a dashboard's poll; past this the caller stops waiting. */
export const LAG_TIMEOUT_MS = 2_000;
/**
 * When Kafka is slow to answer, a reading this recent still stands in: a cold read (connect, metadata,
 * offsets) can take longer than a poll waits, and finishes in the background for the next one.
 */
export const LAG_USABLE_MS = 15_000;
const MAX_REASON_LENGTH = 300;

export type LagResult = { ok: true; lag: PipelineLag } | { ok: false; reason: string };

function reasonOf(error: unknown): string {
  const message = error instanceof Error && error.message ? error.message : String(error);
  const text = `cannot read the lag from Kafka: ${message}`;
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

/**
 * Reads the indexer group's lag for the API: one read at a time, shared by every caller, never
 * waited on for longer than LAG_TIMEOUT_MS. A failure is reported as it is (the broker being down is
 * news); only slowness falls back on a recent reading.
 */
export function lagReader(port: PipelinePort, clock: () => number = () => performance.now()) {
  let latest: { at: number; lag: PipelineLag } | undefined;
  let pending: Promise<LagResult> | undefined;

  const read = (): Promise<LagResult> =>
    (pending ??= port
      .lag()
      .then(
        (lag): LagResult => {
          latest = { at: clock(), lag };
          return { ok: true, lag };
        },
        (error: unknown): LagResult => ({ ok: false, reason: reasonOf(error) }),
      )
      .finally(() => {
        pending = undefined;
      }));

  return async (): Promise<LagResult> => {
    if (latest && clock() - latest.at < LAG_FRESH_MS) return { ok: true, lag: latest.lag };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), LAG_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([read(), timedOut]);
      if (result !== 'timeout') return result;
      if (latest && clock() - latest.at < LAG_USABLE_MS) return { ok: true, lag: latest.lag };
      return { ok: false, reason: reasonOf(new Error(`no answer within ${LAG_TIMEOUT_MS / 1000} s`)) };
    } finally {
      clearTimeout(timer);
    }
  };
}
