import { LOAD_LOG_INDEX } from '../load-log';
import { committedBetween, loadsQuery } from '../load-log-query';
import { DAY_MS, HOUR_MS, type QualityContext } from './context';
import type { QualityThresholds } from './thresholds';
import { resultOf, type CheckResult, type CheckSpec } from './types';

export const ZERO_ROWS: CheckSpec = {
  check: 'zero_rows',
  severity: 'critical',
  policy: 'pause',
  kind: 'system',
};

/** Rows one stream delivered in the last hour and in the same hour on each previous day. */
export interface HourHistory {
  stream: string;
  lastHour: number;
  /** Index 0 is yesterday's same hour, 1 the day before, and so on. */
  sameHourBefore: readonly number[];
}

/**
 * A stream that delivered in the same hour on enough previous days and delivered nothing in the last
 * hour has stopped: a quiet night hour of a source that is always quiet at night is not a breach.
 */
export function judgeZeroRows(history: HourHistory, t: QualityThresholds, at: string): CheckResult {
  const days = history.sameHourBefore.filter((rows) => rows > 0).length;
  const expected = days >= t.zeroRows.minDaysDelivered;
  return resultOf(ZERO_ROWS, at, {
    source: history.stream,
    subject: 'rows in the last hour',
    measured: history.lastHour,
    threshold: expected ? 1 : 0,
    breached: expected && history.lastHour === 0,
    detail: `delivered in this hour on ${days} of the previous ${history.sameHourBefore.length} days`,
  });
}

interface DayBuckets {
  buckets: Record<string, { rows: { value: number | null } }>;
}

/** Rows read per stream in the last hour and the same hour of each previous day, in one request. */
export async function readHourHistory(ctx: QualityContext): Promise<HourHistory[]> {
  const days = ctx.thresholds.zeroRows.previousDays;
  const end = ctx.now.getTime();
  const hours = Array.from({ length: days + 1 }, (_, d) =>
    committedBetween(end - d * DAY_MS - HOUR_MS, end - d * DAY_MS),
  );
  const found = await ctx.client.search<
    unknown,
    { streams: { buckets: ({ key: string } & { days: DayBuckets })[] } }
  >({
    index: LOAD_LOG_INDEX,
    ignore_unavailable: true,
    size: 0,
    query: loadsQuery({ bool: { should: hours, minimum_should_match: 1 } }, ctx.streamPrefix),
    aggs: {
      streams: {
        terms: { field: 'stream', size: 10_000 },
        aggs: {
          days: {
            filters: { filters: Object.fromEntries(hours.map((h, d) => [`d${d}`, h])) },
            aggs: { rows: { sum: { field: 'read' } } },
          },
        },
      },
    },
  });
  return (found.aggregations?.streams.buckets ?? []).map((b) => {
    const rows = (d: number) => b.days.buckets[`d${d}`]?.rows.value ?? 0;
    return {
      stream: b.key,
      lastHour: rows(0),
      sameHourBefore: Array.from({ length: days }, (_, i) => rows(i + 1)),
    };
  });
}

export async function zeroRows(ctx: QualityContext): Promise<CheckResult[]> {
  const at = ctx.now.toISOString();
  return (await readHourHistory(ctx)).map((h) => judgeZeroRows(h, ctx.thresholds, at));
}
