import type { TimeSeriesRow } from './types';

/** Smallest positive gap between consecutive bucket starts: the bucket interval when none is given. */
export function inferInterval(times: readonly number[]): number {
  let min = Infinity;
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > 0 && gap < min) min = gap;
  }
  return Number.isFinite(min) ? min : 0;
}

/**
 * Sorts buckets by time, merges duplicates and inserts zero buckets where whole intervals are
 * missing, so gaps are drawn as zero instead of a straight line across them. Gaps shorter than
 * 1.5 intervals are left alone (calendar months differ in length).
 */
export function prepareRows(rows: readonly TimeSeriesRow[], interval?: number): TimeSeriesRow[] {
  const sorted = [...rows].sort((a, b) => a.t - b.t);
  const merged: TimeSeriesRow[] = [];
  for (const row of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.t === row.t) last.values = { ...last.values, ...row.values };
    else merged.push({ t: row.t, values: row.values });
  }
  const step = interval ?? inferInterval(merged.map((r) => r.t));
  if (!(step > 0)) return merged;
  const filled: TimeSeriesRow[] = [];
  for (const row of merged) {
    const last = filled[filled.length - 1];
    // Cap the fill so a stray outlier bucket cannot allocate millions of rows.
    if (last && row.t - last.t >= 1.5 * step && (row.t - last.t) / step < 10_000) {
      for (let t = last.t + step; t <= row.t - step / 2; t += step) filled.push({ t, values: {} });
    }
    filled.push(row);
  }
  return filled;
}
