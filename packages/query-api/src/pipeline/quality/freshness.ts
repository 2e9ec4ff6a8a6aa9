import { LOAD_LOG_INDEX } from '../load-log';
import type { QualityContext } from './context';
import type { QualityThresholds } from './thresholds';
import { resultOf, type CheckResult, type CheckSpec } from './types';

export const FRESHNESS: CheckSpec = {
  check: 'freshness',
  severity: 'critical',
  policy: 'warn',
  kind: 'system',
};

/** The newest event time a stream delivered, as its load-log entries record it. */
export interface StreamNewest {
  stream: string;
  newestEvent: string | null;
}

export function judgeFreshness(s: StreamNewest, t: QualityThresholds, now: Date): CheckResult {
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
export async function readNewest(ctx: QualityContext): Promise<StreamNewest[]> {
  const since = ctx.now.getTime() - ctx.thresholds.zeroRows.previousDays * 86_400_000;
  const found = await ctx.client.search<
    unknown,
    { streams: { buckets: { key: string; newest: { value_as_string?: string } }[] } }
  >({
    index: LOAD_LOG_INDEX,
    ignore_unavailable: true,
    size: 0,
    query: {
      bool: {
        filter: [
          {
            range: {
              '@timestamp': { gt: new Date(since).toISOString(), lte: ctx.now.toISOString() },
            },
          },
          ...(ctx.streamPrefix ? [{ prefix: { stream: ctx.streamPrefix } }] : []),
        ],
        // A version switch loads no records: its entry is for downstream recomputation only.
        must_not: [{ term: { loader: 'version' } }],
      },
    },
    aggs: {
      streams: { terms: { field: 'stream', size: 10_000 }, aggs: { newest: { max: { field: 'event_to' } } } },
    },
  });
  return (found.aggregations?.streams.buckets ?? []).map((b) => ({
    stream: b.key,
    newestEvent: b.newest.value_as_string ? new Date(b.newest.value_as_string).toISOString() : null,
  }));
}

export async function freshness(ctx: QualityContext): Promise<CheckResult[]> {
  return (await readNewest(ctx)).map((s) => judgeFreshness(s, ctx.thresholds, ctx.now));
}
