import type { FindingOf, VolumeDimension } from '@sightline/schema/api';
import { findingId } from './finding-id';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import { DAY_MS, HOUR_MS, VOLUME_ANOMALY } from './thresholds';
import { Incidents, readingsOf, type Incident, type Reading } from './volume-incident';
import { createVolumeWindows } from './volume-windows';
import { iso, list, thousands } from './words';

const PHRASE: Record<VolumeDimension, (label: string) => string> = {
  application: (l) => `to ${l}`,
  country: (l) => `from ${l}`,
  reason: (l) => `with reason ${l}`,
  reputation: (l) => `from ${l} addresses`,
};
/** Other values named in the reason; the details list more. */
const ALSO_IN_WORDS = 5;

const round2 = (n: number) => Math.round(n * 100) / 100;
const expectedWords = (n: number) => (n < 10 ? n.toFixed(1) : thousands(n));

/** "17:00", or "2 Nov 17:00" when the incident spans more than a day. */
function clock(ms: number, withDate: boolean): string {
  const text = iso(ms);
  return withDate ? `${text.slice(0, 10)} ${text.slice(11, 16)}` : text.slice(11, 16);
}

/** "also from Romania, China and with reason user_marked_fraud": one preposition per dimension. */
function alsoWords(others: readonly Reading[]): string {
  if (others.length === 0) return '';
  const named = others.slice(0, ALSO_IN_WORDS);
  const phrases = named.map((r, i) =>
    i > 0 && named[i - 1]!.dimension === r.dimension ? r.label : PHRASE[r.dimension](r.label),
  );
  const more = others.length - named.length;
  if (more > 0) phrases.push(`${thousands(more)} more`);
  return `, also ${list(phrases)}`;
}

function finding(customer: string, incident: Incident): FindingOf<'volume_anomaly'> {
  const [lead, ...others] = readingsOf(incident);
  if (!lead) throw new Error('an incident without an anomalous value');
  // Grouped by dimension, most significant first within each, so the reason reads "from A, B and C".
  const grouped = [...others].sort(
    (a, b) =>
      others.findIndex((r) => r.dimension === a.dimension) -
      others.findIndex((r) => r.dimension === b.dimension),
  );
  const score = clampScore(Math.min(84, 20 + 4 * Math.min(-lead.log10p, 100)));
  const from = Math.floor(incident.first / HOUR_MS) * HOUR_MS;
  const until = Math.floor(incident.last / HOUR_MS) * HOUR_MS + HOUR_MS;
  const long = until - from > DAY_MS;
  return {
    id: findingId(customer, 'volume_anomaly', 'incident', iso(incident.opened)),
    customer,
    type: 'volume_anomaly',
    severity: severityOf(score),
    score,
    reason:
      `${thousands(lead.count)} attempts ${PHRASE[lead.dimension](lead.label)} between ` +
      `${clock(from, long)} and ${clock(until, long)} UTC (${expectedWords(lead.expected)} expected)` +
      alsoWords(grouped),
    user: null,
    address: null,
    firstSeen: iso(incident.first),
    lastSeen: iso(incident.last),
    evidence: incident.evidence.map((m) => m.txid),
    evidenceCount: incident.count,
    details: {
      dimension: lead.dimension,
      value: lead.value,
      hour: iso(lead.start),
      hours: lead.hours,
      count: lead.count,
      expected: round2(lead.expected),
      baselineShare: lead.share,
      until: iso(until),
      also: others.slice(0, VOLUME_ANOMALY.maxAlso).map((r) => ({
        dimension: r.dimension,
        value: r.value,
        count: r.count,
        expected: round2(r.expected),
      })),
    },
  };
}

/**
 * Volume anomalies, one finding per incident: windows (an hour, six hours) in which attempts to one
 * application, from one country, with one reason or from malicious addresses far outnumber the
 * customer's baseline (volume-windows.ts), grouped into runs of one customer (volume-incident.ts), so
 * one attack raising several values over several hours is one finding naming them all, led by the
 * most significant.
 */
export function createVolumeAnomaly({ customer }: RuleOptions): Rule {
  const windows = VOLUME_ANOMALY.windowHours.map((hours) => createVolumeWindows(hours));
  const incidents = new Incidents();
  return {
    observe(a) {
      const anomalies = windows.flatMap((w) => w.observe(a));
      if (anomalies.length === 0) return [];
      return [finding(customer, incidents.add({ txid: a.txid, time: a.time }, anomalies))];
    },
  };
}
