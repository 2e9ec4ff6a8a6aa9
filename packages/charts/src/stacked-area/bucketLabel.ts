const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const per = (n: number, unit: string) => (n === 1 ? `per ${unit}` : `per ${n} ${unit}s`);

/**
 * What one bucket covers, as read after a value ("per hour", "per 12 hours", "per day"), from its
 * length in ms; null when the length is unknown (a lone bucket). Calendar buckets vary in length, so
 * a day is 23 to 25 hours (daylight saving), a month 28 to 31 days, a quarter 89 to 92, a year 365 or
 * 366: a length inferred from the shortest gap between buckets still names its unit.
 */
export function bucketLabel(ms: number): string | null {
  if (!(ms > 0)) return null;
  if (ms >= 365 * DAY && ms <= 366 * DAY) return 'per year';
  if (ms >= 89 * DAY && ms <= 92 * DAY) return 'per quarter';
  if (ms >= 28 * DAY && ms <= 31 * DAY) return 'per month';
  if (ms % WEEK === 0) return per(ms / WEEK, 'week');
  if (ms % DAY === 0) return per(ms / DAY, 'day');
  if (ms >= 23 * HOUR && ms <= 25 * HOUR) return 'per day';
  if (ms % HOUR === 0) return per(ms / HOUR, 'hour');
  if (ms % MINUTE === 0) return per(ms / MINUTE, 'minute');
  return per(ms / 1000, 'second');
}
