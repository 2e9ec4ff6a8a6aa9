import type { VolumeDimension } from '@sightline/schema/api';
import { poissonTailLog10 } from './poisson';
import { DAY_MS, HOUR_MS, MAX_EVIDENCE, VOLUME_ANOMALY } from './thresholds';
import type { Member, WindowAnomaly } from './volume-windows';

/** What an incident says about one value: its anomalous windows of one length, summed. */
export interface Reading {
  dimension: VolumeDimension;
  value: string;
  label: string;
  /** Start of the first window, and hours from it to the end of the last. */
  start: number;
  hours: number;
  count: number;
  expected: number;
  share: number;
  log10p: number;
}

interface ValueWindows {
  dimension: VolumeDimension;
  value: string;
  label: string;
  /** The latest state of each anomalous window, by "hours:start". */
  windows: Map<string, WindowAnomaly>;
}

/** A run of anomalous records of one customer, whatever value or window made them anomalous. */
export interface Incident {
  /** Start of the hour of its first record when it opened: kept for its life, so its id never moves. */
  opened: number;
  first: number;
  last: number;
  /** Distinct records in it. */
  count: number;
  /** The earliest records, in time order, at most MAX_EVIDENCE. */
  evidence: Member[];
  seen: Set<string>;
  values: Map<string, ValueWindows>;
}

/** Incidents quiet for this long are forgotten: a record arriving later than that opens a new one. */
const KEPT_MS = DAY_MS;
/** Txids remembered per incident to count each record once; past that, the count goes on without them. */
const MAX_SEEN = 100_000;

const GAP_MS = VOLUME_ANOMALY.incidentGapMs;

/** The records of a newly flagged window that belong to the burst: chained to `at` by short gaps. */
function chained(members: readonly Member[], at: number): Member[] {
  const sorted = [...members].sort((a, b) => a.time - b.time);
  const after = sorted.findIndex((m) => m.time >= at);
  const split = after === -1 ? sorted.length : after;
  const out: Member[] = [];
  for (let i = split - 1, lo = at; i >= 0 && lo - sorted[i]!.time <= GAP_MS; i--) {
    lo = sorted[i]!.time;
    out.push(sorted[i]!);
  }
  for (let i = split, hi = at; i < sorted.length && sorted[i]!.time - hi <= GAP_MS; i++) {
    hi = sorted[i]!.time;
    out.push(sorted[i]!);
  }
  return out;
}

/**
 * The value's reading: its windows of one length summed, the length whose sum is the more significant
 * (a sharp burst reads best by the hour, a slow one over six hours).
 */
function reading({ dimension, value, label, windows }: ValueWindows): Reading {
  let best: Reading | null = null;
  for (const hours of VOLUME_ANOMALY.windowHours) {
    const same = [...windows.values()].filter((w) => w.hours === hours).sort((a, b) => a.start - b.start);
    if (same.length === 0) continue;
    const count = same.reduce((n, w) => n + w.count, 0);
    const expected = same.reduce((n, w) => n + w.expected, 0);
    const log10p = poissonTailLog10(count, expected);
    if (best && best.log10p <= log10p) continue;
    const start = same[0]!.start;
    const end = same[same.length - 1]!.start + hours * HOUR_MS;
    best = {
      dimension,
      value,
      label,
      start,
      hours: (end - start) / HOUR_MS,
      count,
      expected,
      share: same[0]!.share,
      log10p,
    };
  }
  if (!best) throw new Error(`value ${value} of an incident has no window`);
  return best;
}

/** The incident's values, the most significant first (then the most numerous, then by name). */
export function readingsOf(incident: Incident): Reading[] {
  return [...incident.values.values()]
    .map(reading)
    .sort(
      (a, b) =>
        a.log10p - b.log10p ||
        b.count - a.count ||
        `${a.dimension}:${a.value}`.localeCompare(`${b.dimension}:${b.value}`),
    );
}

/**
 * Groups one customer's anomalous windows into incidents on event time: a record that falls in an
 * anomalous window joins the incident it follows within the gap, or one its window overlaps, or
 * opens one. Records arriving late join
 * the incident they fall in; an incident keeps the key it opened with, so replaying the same records
 * in the same order gives the same incidents.
 */
export class Incidents {
  private incidents: Incident[] = [];
  private latest = -Infinity;

  /** Adds a record and the anomalous windows it fell in; returns its incident. */
  add(record: Member, anomalies: readonly WindowAnomaly[]): Incident {
    const members = [record];
    for (const a of anomalies) if (a.flaggedWith) members.push(...chained(a.flaggedWith, record.time));
    const lo = Math.min(...members.map((m) => m.time));
    const hi = Math.max(...members.map((m) => m.time));

    this.latest = Math.max(this.latest, record.time);
    this.incidents = this.incidents.filter((i) => i.last >= this.latest - KEPT_MS);
    // Its records follow the incident's, or one of its windows overlaps it: a six-hour window that a
    // burst's tail tipped over belongs to the burst, not to an incident of its own.
    let incident = this.incidents.find(
      (i) =>
        (lo <= i.last + GAP_MS && hi >= i.first - GAP_MS) ||
        anomalies.some((a) => a.start <= i.last && a.start + a.hours * HOUR_MS > i.first),
    );
    if (!incident) {
      incident = {
        opened: Math.floor(lo / HOUR_MS) * HOUR_MS,
        first: lo,
        last: hi,
        count: 0,
        evidence: [],
        seen: new Set(),
        values: new Map(),
      };
      this.incidents.push(incident);
    }
    for (const m of members) join(incident, m);
    for (const a of anomalies) {
      let value = incident.values.get(a.key);
      if (!value) {
        value = { dimension: a.dimension, value: a.value, label: a.label, windows: new Map() };
        incident.values.set(a.key, value);
      }
      value.windows.set(`${a.hours}:${a.start}`, a);
    }
    return incident;
  }
}

function join(incident: Incident, member: Member): void {
  if (incident.seen.has(member.txid)) return;
  if (incident.seen.size < MAX_SEEN) incident.seen.add(member.txid);
  incident.count += 1;
  incident.first = Math.min(incident.first, member.time);
  incident.last = Math.max(incident.last, member.time);
  const { evidence } = incident;
  let i = evidence.length;
  while (i > 0 && evidence[i - 1]!.time > member.time) i--;
  if (i >= MAX_EVIDENCE) return;
  evidence.splice(i, 0, member);
  if (evidence.length > MAX_EVIDENCE) evidence.pop();
}
