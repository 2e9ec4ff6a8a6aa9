import type { Finding, FindingOf, VolumeDimension } from './finding';
import { findingId } from './finding-id';
import { poissonTailLog10 } from './poisson';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import { BASELINE_MS, HOUR_MS, MAX_EVIDENCE, VOLUME_ANOMALY } from './thresholds';
import { iso, thousands } from './words';

interface Cell {
  count: number;
  first: number;
  last: number;
  /** Only the newest windows keep txids; older ones are baseline, counted but no longer evidence. */
  evidence: string[] | null;
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

/** Windows that keep their evidence txids: the one filling and the one before, for late records. */
const EVIDENCE_WINDOWS = 2;
/** Pseudo-observations pulling a thin time-of-day baseline towards the value's share at all times. */
const PRIOR_WEIGHT = 24;
const DIMENSIONS: readonly VolumeDimension[] = ['application', 'country', 'reason', 'reputation'];
/** A window must also hold this many times what the baseline predicts: significance alone is not enough. */
const MIN_RATIO = 3;

const PHRASE: Record<VolumeDimension, (label: string) => string> = {
  application: (l) => `to ${l}`,
  country: (l) => `from ${l}`,
  reason: (l) => `with reason ${l}`,
  reputation: (l) => `from ${l} addresses`,
};

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

/**
 * Volume anomalies: a window (an hour, six hours, aligned to UTC) in which attempts to one
 * application, from one country, with one reason or from malicious addresses far outnumber the customer's own baseline of the
 * last 30 days, the window itself excluded. The baseline is the value's share of traffic at that time
 * of day (so a country that wakes up when the head office sleeps is not an anomaly every night),
 * applied to the window's traffic so far; the test is the Poisson tail of the count.
 */
export function createVolumeAnomaly({ customer }: RuleOptions, windowHours: number): Rule {
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

  const finding = (
    dimension: VolumeDimension,
    value: string,
    index: number,
    cell: Cell,
    expected: number,
    share: number,
    log10p: number,
  ): FindingOf<'volume_anomaly'> => {
    const score = Math.min(84, 20 + 4 * Math.min(-log10p, 100));
    const start = index * windowMs;
    const hh = new Date(start).toISOString().slice(11, 16);
    return {
      id: findingId(customer, 'volume_anomaly', `${dimension}:${value}`, `${iso(start)}/${windowHours}h`),
      customer,
      type: 'volume_anomaly',
      severity: severityOf(clampScore(score)),
      score: clampScore(score),
      reason: `${thousands(cell.count)} attempts ${PHRASE[dimension](cell.label)} in the ${windowHours === 1 ? 'hour' : `${windowHours} hours`} from ${hh} UTC, ${expected < 10 ? expected.toFixed(1) : Math.round(expected)} expected from the last 30 days`,
      user: null,
      address: null,
      firstSeen: iso(cell.first),
      lastSeen: iso(cell.last),
      evidence: [...(cell.evidence ?? [])],
      evidenceCount: cell.count,
      details: {
        dimension,
        value,
        hour: iso(start),
        hours: windowHours,
        count: cell.count,
        expected: Math.round(expected * 100) / 100,
        baselineShare: share,
      },
    };
  };

  return {
    observe(a) {
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

      const values: Record<VolumeDimension, [string, string] | null> = {
        application: a.application === null ? null : [a.application, a.application],
        country: a.countryCode === null ? null : [a.countryCode, a.country ?? a.countryCode],
        reason: a.reason === null ? null : [a.reason, a.reason],
        // Known-bad addresses are a population of their own: a handful of them is news in a small customer.
        reputation: a.malicious || a.tor ? ['malicious', 'malicious or Tor'] : null,
      };
      const findings: Finding[] = [];
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
            first: a.time,
            last: a.time,
            evidence: index > latest - EVIDENCE_WINDOWS ? [] : null,
            label,
            anomalous: false,
          };
          bucket.cells.set(key, cell);
        }
        cell.count += 1;
        cell.first = Math.min(cell.first, a.time);
        cell.last = Math.max(cell.last, a.time);
        if (cell.evidence && cell.evidence.length < MAX_EVIDENCE) cell.evidence.push(a.txid);
        tally(overall, key, cell, 1);
        tally(sameTime, key, cell, 1);
        if (!warm || cell.count < VOLUME_ANOMALY.minCount) continue;

        // The baseline leaves this window out: an anomaly must not explain itself.
        const overallShare = baselineShare(overall, key, cell, bucket.total, 0.5, 1);
        // The larger of the two: a value busier at this time of day is judged by that time of day,
        // and a rare value is never judged rarer than it is overall because a thin slot missed it.
        const share = Math.max(
          overallShare,
          baselineShare(sameTime, key, cell, bucket.total, overallShare, PRIOR_WEIGHT),
        );
        const expected = share * bucket.total;
        if (cell.count < MIN_RATIO * expected) continue;
        const log10p = poissonTailLog10(cell.count, expected);
        if (log10p > Math.log10(VOLUME_ANOMALY.maxPValue)) continue;
        if (!cell.anomalous) {
          tally(overall, key, cell, -cell.count);
          tally(sameTime, key, cell, -cell.count);
          cell.anomalous = true;
          tally(overall, key, cell, cell.count);
          tally(sameTime, key, cell, cell.count);
        }
        findings.push(
          finding(dimension, value, index, cell, expected, Math.round(share * 1e6) / 1e6, log10p),
        );
      }
      return findings;
    },
  };
}
