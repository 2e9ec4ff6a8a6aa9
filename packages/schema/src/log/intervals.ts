/** The time-bucket intervals a series can ask for (besides 'auto'), finest first. */
export const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '3h', '12h', '1d', '1w', '1M', '1q', '1y'] as const;
export type Interval = (typeof INTERVALS)[number];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Nominal lengths; months, quarters and years count at their longest so bucket estimates are upper bounds. */
export const INTERVAL_MS: Record<Interval, number> = {
  '1m': MIN,
  '5m': 5 * MIN,
  '15m': 15 * MIN,
  '30m': 30 * MIN,
  '1h': HOUR,
  '3h': 3 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '1w': 7 * DAY,
  '1M': 31 * DAY,
  '1q': 92 * DAY,
  '1y': 366 * DAY,
};

/** Months, quarters and years: no one length, so a chart infers their buckets from the data. */
const CALENDAR_LENGTH = new Set<string>(['1M', '1q', '1y']);

/**
 * A bucket's length in ms, for drawing and describing a series ('1d' as 24 hours, '1w' as 7 days);
 * undefined for months, quarters, years and anything that is not an interval.
 */
export function bucketLengthMs(interval: string): number | undefined {
  if (CALENDAR_LENGTH.has(interval) || !Object.hasOwn(INTERVAL_MS, interval)) return undefined;
  return INTERVAL_MS[interval as Interval];
}
