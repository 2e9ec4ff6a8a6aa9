import { committedBetween, newestPerStream, type StreamNewest } from '../load-log-query';
import { DAY_MS, type QualityContext } from './context';
import type { QualityThresholds } from './thresholds';
import { resultOf, type CheckResult, type CheckSpec } from './types';

export const FRESHNESS: CheckSpec = {
  check: 'freshness',
  severity: 'critical',
  policy: 'warn',
  kind: 'system',
};

/** The newest event time a stream delivered, as its load-log entries record it. */
export type { StreamNewest };

export function judgeFreshness(
  s: Pick<StreamNewest, 'stream' | 'newestEvent'>,
  t: QualityThresholds,
  now: Date,
): CheckResult {
  const age = s.newestEvent === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(s.newestEvent);
  return resultOf(FRESHNESS, now.toISOString(), {
    source: s.stream,
    subject: 'age of the newest event (ms)',
    // A stream that never delivered a usable event is as stale as can be; JSON has no Infinity.
    measured: Number.isFinite(age) ? age : Number.MAX_SAFE_INTEGER,
    threshold: t.freshnessMs,
    breached: age > t.freshnessMs,
    detail: s.newestEvent === null ? 'no usable event recorded' : `newest event ${s.newestEvent}`,
  });
}

/**
 * Streams that loaded anything in the zero-rows look-back, with their newest event: a stream retired
 * longer ago than that is no longer a source, not a stale one.
 */
export function readNewest(ctx: QualityContext): Promise<StreamNewest[]> {
  const since = ctx.now.getTime() - ctx.thresholds.zeroRows.previousDays * DAY_MS;
  return newestPerStream(ctx.client, committedBetween(since, ctx.now), ctx.streamPrefix);
}

export async function freshness(ctx: QualityContext): Promise<CheckResult[]> {
  return (await readNewest(ctx)).map((s) => judgeFreshness(s, ctx.thresholds, ctx.now));
}
