import type { estypes } from '@elastic/elasticsearch';
import { INTERVAL_MS, type Interval } from '@sightline/schema';
import { AUTO_MAX_BUCKETS, MAX_TIME_BUCKETS, MAX_TOTAL_BUCKETS } from '@sightline/schema/reports';

export { INTERVAL_MS };

const ORDER = Object.keys(INTERVAL_MS) as Interval[];
const COARSEST = ORDER.at(-1)!;
/** Calendar units follow the time zone's midnights and DST; the rest are fixed lengths. */
const CALENDAR = new Set<Interval>(['1m', '1h', '1d', '1w', '1M', '1q', '1y']);
/**
 * Intervals 'auto' never picks. Activity follows the day, and two buckets a day (one mostly daytime,
 * one mostly night) sample that rhythm too coarsely to show it: a month of 12-hour buckets reads as a
 * day/night sawtooth. 'auto' takes 3-hour buckets (the day in eight parts, a curve) or whole days.
 */
const AUTO_SKIPS = new Set<Interval>(['12h']);
const AUTO_ORDER = ORDER.filter((i) => !AUTO_SKIPS.has(i));

export interface IntervalChoice {
  interval: Interval;
  /** Upper bound of time buckets over the span (+1 for a partial bucket at each edge). */
  buckets: number;
  es: { calendar_interval: estypes.AggregationsCalendarInterval } | { fixed_interval: string };
}

function bucketsFor(spanMs: number, interval: Interval): number {
  return Math.ceil(spanMs / INTERVAL_MS[interval]) + 1;
}

/** Every bucket Elasticsearch will build: one histogram per stack, plus the totals and the terms. */
export function totalBuckets(timeBuckets: number, stacks: number): number {
  return timeBuckets * (stacks + 1) + stacks;
}

function choice(interval: Interval, spanMs: number): IntervalChoice {
  return {
    interval,
    buckets: bucketsFor(spanMs, interval),
    es: CALENDAR.has(interval)
      ? { calendar_interval: interval as estypes.AggregationsCalendarInterval }
      : { fixed_interval: interval },
  };
}

/**
 * The interval for a span: 'auto' takes the finest one that keeps the series within AUTO_MAX_BUCKETS
 * (and the whole request within MAX_TOTAL_BUCKETS), other than those in AUTO_SKIPS, and never fails: the definition schema caps a
 * series' span (MAX_SERIES_YEARS) so that yearly buckets always fit. Returns a reason instead when an
 * explicit interval would build too many buckets.
 */
export function chooseInterval(
  spanMs: number,
  requested: 'auto' | Interval,
  stacks: number,
): IntervalChoice | string {
  if (requested === 'auto') {
    const fits = AUTO_ORDER.find((i) => {
      const b = bucketsFor(spanMs, i);
      return b <= AUTO_MAX_BUCKETS && totalBuckets(b, stacks) <= MAX_TOTAL_BUCKETS;
    });
    return choice(fits ?? COARSEST, spanMs);
  }
  const picked = choice(requested, spanMs);
  if (picked.buckets > MAX_TIME_BUCKETS)
    return `interval '${requested}' over this range makes ${picked.buckets} buckets (at most ${MAX_TIME_BUCKETS}); choose a coarser interval or 'auto'`;
  const total = totalBuckets(picked.buckets, stacks);
  if (total > MAX_TOTAL_BUCKETS)
    return `interval '${requested}' with ${stacks} stacks makes ${total} buckets (at most ${MAX_TOTAL_BUCKETS}); lower 'top' or choose a coarser interval`;
  return picked;
}
