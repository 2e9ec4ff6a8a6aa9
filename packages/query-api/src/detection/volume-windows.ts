import type { Attempt } from './attempt';
import type { VolumeDimension } from '@sightline/schema/api';
import { poissonTailLog10 } from './poisson';
import { BASELINE_MS, HOUR_MS, MAX_EVIDENCE, VOLUME_ANOMALY } from './thresholds';

/** A record as evidence: its txid, and its time so an incident can tell a burst from stray records. */
export interface Member {
  txid: string;
  time: number;
}

interface Cell {
  count: number;
  /** Only the newest windows keep txids; older ones are baseline, counted but no longer evidence. */
  evidence: Member[] | null;
  label: string;
  /** Flagged: its records leave the baseline, so one incident does not hide the next. */
  anomalous: boolean;
}

interface Bucket {
  total: number;
  cells: Map<string, Cell>;
}

interface Sums {
  total: number;
  counts: Map<string, number>;
  /** Records of flagged cells per value: out of that value's baseline, numerator and denominator. */
  excluded: Map<string, number>;
}

/** One window in which one value far outnumbers the baseline, as it stands after the current record. */
export interface WindowAnomaly {
  /** Dimension and value, e.g. "country\u0000RO": the same value in every window size. */
  key: string;
  dimension: VolumeDimension;
  value: string;
  label: string;
  hours: number;
  /** Start of the window, in ms. */
  start: number;
  count: number;
  expected: number;
  share: number;
  log10p: number;
  /** Set when this record flagged the window: the records it held before, as far as it kept them. */
  flaggedWith: readonly Member[] | null;
}

/** Windows that keep their evidence txids: the one filling and the one before, for late records. */
const EVIDENCE_WINDOWS = 2;
/** Pseudo-observations pulling a thin time-of-day baseline towards the value's share at all times. */
const PRIOR_WEIGHT = 24;
const DIMENSIONS: readonly VolumeDimension[] = ['application', 'country', 'reason', 'reputation'];
/** A window must also hold this many times what the baseline predicts: significance alone is not enough. */
const MIN_RATIO = 3;

function add(map: Map<string, number>, key: string, n: number): void {
  const next = (map.get(key) ?? 0) + n;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** Counts a cell's records into (or, with -1, out of) the sums, where its flag says they belong. */
function tally(sums: Sums, key: string, cell: Cell, n: number): void {
  add(cell.anomalous ? sums.excluded : sums.counts, key, n);
}

/** The value's share of the baseline's traffic, leaving out the current window and flagged cells. */
function baselineShare(
  sums: Sums,
  key: string,
  cell: Cell,
  windowTotal: number,
  prior: number,
  weight: number,
) {
  const own = cell.count;
  const count = (sums.counts.get(key) ?? 0) - (cell.anomalous ? 0 : own);
  const excluded = (sums.excluded.get(key) ?? 0) - (cell.anomalous ? own : 0);
  const total = sums.total - windowTotal - excluded;
  return (count + weight * prior) / (total + weight);
}

/** The values a record counts for, per dimension: [value, label in words]. */
function valuesOf(a: Attempt): Record<VolumeDimension, [string, string] | null> {
  return {
    application: a.application === null ? null : [a.application, a.application],
    country: a.countryCode === null ? null : [a.countryCode, a.country ?? a.countryCode],
    reason: a.reason === null ? null : [a.reason, a.reason],
    // Known-bad addresses are a population of their own: a handful of them is news in a small customer.
    reputation: a.malicious || a.tor ? ['malicious', 'malicious or Tor'] : null,
  };
}

/**
 * Counts one customer's attempts in windows of one length (aligned to UTC) and tells which windows
 * hold far more attempts to one application, from one country, with one reason or from malicious
 * addresses than the customer's own baseline of the last 30 days, the window itself excluded. The
 * baseline is the value's share of traffic at that time of day (so a country that wakes up when the
 * head office sleeps is not an anomaly every night), applied to the window's traffic so far; the
 * test is the Poisson tail of the count.
 */
export function createVolumeWindows(windowHours: number) {
  const windowMs = windowHours * HOUR_MS;
  /** Windows of baseline (the last 30 days) and windows per day (the baseline's time of day). */
  const WINDOWS = Math.round(BASELINE_MS / windowMs);
  const slots = Math.max(1, Math.round(24 / windowHours));
  const buckets = new Map<number, Bucket>();
  const overall: Sums = { total: 0, counts: new Map(), excluded: new Map() };
  const byTimeOfDay: Sums[] = Array.from({ length: slots }, () => ({
    total: 0,
    counts: new Map(),
    excluded: new Map(),
  }));
  let latest = -Infinity;
  let earliest = Infinity;

  const evict = (index: number) => {
    const bucket = buckets.get(index);
    if (!bucket) return;
    const sameTime = byTimeOfDay[index % slots]!;
    overall.total -= bucket.total;
    sameTime.total -= bucket.total;
    for (const [key, cell] of bucket.cells) {
      tally(overall, key, cell, -cell.count);
      tally(sameTime, key, cell, -cell.count);
    }
    buckets.delete(index);
  };

  const advance = (index: number) => {
    const from = latest - WINDOWS;
    latest = index;
    const to = latest - WINDOWS;
    if (to - from > buckets.size) {
      for (const h of [...buckets.keys()]) if (h <= to) evict(h);
    } else for (let h = from + 1; h <= to; h++) evict(h);
    // Windows leaving the evidence range keep their counts but give up their txids.
    for (
      let h = Math.max(from + WINDOWS - EVIDENCE_WINDOWS + 1, to + 1);
      h <= latest - EVIDENCE_WINDOWS;
      h++
    ) {
      for (const cell of buckets.get(h)?.cells.values() ?? []) cell.evidence = null;
    }
    earliest = Math.max(earliest, to + 1);
  };

  return {
    /** Counts the attempt; returns the windows it falls in that are anomalous with it. */
    observe(a: Attempt): WindowAnomaly[] {
      const index = Math.floor(a.time / windowMs);
      if (index <= latest - WINDOWS) return [];
      if (index > latest) advance(index);
      earliest = Math.min(earliest, index);
      let bucket = buckets.get(index);
      if (!bucket) {
        bucket = { total: 0, cells: new Map() };
        buckets.set(index, bucket);
      }
      const sameTime = byTimeOfDay[index % slots]!;
      bucket.total += 1;
      overall.total += 1;
      sameTime.total += 1;

      const values = valuesOf(a);
      const anomalies: WindowAnomaly[] = [];
      const warm =
        (latest - earliest) * windowMs >= VOLUME_ANOMALY.warmUpMs &&
        overall.total - bucket.total >= VOLUME_ANOMALY.warmUpAttempts;
      for (const dimension of DIMENSIONS) {
        const entry = values[dimension];
        if (!entry) continue;
        const [value, label] = entry;
        const key = `${dimension}\u0000${value}`;
        let cell = bucket.cells.get(key);
        if (!cell) {
          if (overall.counts.size >= VOLUME_ANOMALY.maxValues * DIMENSIONS.length && !overall.counts.has(key))
            continue;
          cell = {
            count: 0,
            evidence: index > latest - EVIDENCE_WINDOWS ? [] : null,
            label,
            anomalous: false,
          };
          bucket.cells.set(key, cell);
        }
        cell.count += 1;
        tally(overall, key, cell, 1);
        tally(sameTime, key, cell, 1);
        if (!warm || cell.count < VOLUME_ANOMALY.minCount) {
          if (cell.evidence && cell.evidence.length < MAX_EVIDENCE)
            cell.evidence.push({ txid: a.txid, time: a.time });
          continue;
        }

        // The baseline leaves this window out: an anomaly must not explain itself.
        const overallShare = baselineShare(overall, key, cell, bucket.total, 0.5, 1);
        // The larger of the two: a value busier at this time of day is judged by that time of day,
        // and a rare value is never judged rarer than it is overall because a thin slot missed it.
        const share = Math.max(
          overallShare,
          baselineShare(sameTime, key, cell, bucket.total, overallShare, PRIOR_WEIGHT),
        );
        const expected = share * bucket.total;
        // The cheap test first: the Poisson tail is only worth computing for a window well above its baseline.
        const log10p = cell.count < MIN_RATIO * expected ? 0 : poissonTailLog10(cell.count, expected);
        const anomalous = log10p <= Math.log10(VOLUME_ANOMALY.maxPValue);
        const flaggedWith = anomalous && !cell.anomalous ? [...(cell.evidence ?? [])] : null;
        if (cell.evidence && cell.evidence.length < MAX_EVIDENCE)
          cell.evidence.push({ txid: a.txid, time: a.time });
        if (!anomalous) continue;
        if (!cell.anomalous) {
          tally(overall, key, cell, -cell.count);
          tally(sameTime, key, cell, -cell.count);
          cell.anomalous = true;
          tally(overall, key, cell, cell.count);
          tally(sameTime, key, cell, cell.count);
        }
        anomalies.push({
          key,
          dimension,
          value,
          label: cell.label,
          hours: windowHours,
          start: index * windowMs,
          count: cell.count,
          expected,
          share: Math.round(share * 1e6) / 1e6,
          log10p,
          flaggedWith,
        });
      }
      return anomalies;
    },
  };
}

export type VolumeWindows = ReturnType<typeof createVolumeWindows>;
