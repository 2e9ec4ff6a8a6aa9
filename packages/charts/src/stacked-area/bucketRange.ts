import type { TimeRange } from './types';

/**
 * The time range that covers buckets `first` to `last` (indexes into ascending bucket starts, in
 * either order) whole: from the first bucket's start to the last bucket's end, which is the next
 * bucket's start or, for the final bucket, its start plus `interval`. Null when the indexes are out
 * of range or the range would be empty (one bucket and no known interval).
 */
export function bucketRange(
  times: readonly number[],
  first: number,
  last: number,
  interval: number,
): TimeRange | null {
  const [a, b] = first <= last ? [first, last] : [last, first];
  const from = times[a];
  const start = times[b];
  if (from === undefined || start === undefined) return null;
  const to = times[b + 1] ?? start + interval;
  return to > from ? { from, to } : null;
}
