import type { Attempt } from './attempt';
import type { FindingOf, Place, SourceConcurrence } from '@sightline/schema/api';
import { findingId } from './finding-id';
import { distanceKm } from './geo';
import { Lru } from './lru';
import type { Profiles } from './profiles';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import {
  BASELINE_MS,
  CLOCK_SKEW_MS,
  DAY_MS,
  IMPOSSIBLE_TRAVEL,
  MAX_ATTEMPTS_PER_USER,
  MAX_EVIDENCE,
} from './thresholds';

const BASELINE_DAYS = Math.round(BASELINE_MS / DAY_MS);
import { iso, thousands, unique } from './words';

interface Located {
  time: number;
  txid: string;
  address: string | null;
  place: Place;
  anonymising: boolean;
  tor: boolean;
  malicious: boolean;
  success: boolean;
  /** The source's own verdict on this attempt, when it flagged an attack or an unrealistic travel. */
  source: SourceConcurrence | null;
}

function sourceVerdict(attempt: Attempt): SourceConcurrence | null {
  if (attempt.sourceAttacks.length === 0 && attempt.sourceVelocity === null) return null;
  return {
    txid: attempt.txid,
    attacks: attempt.sourceAttacks,
    trustLevel: attempt.sourceTrust,
    velocity: attempt.sourceVelocity,
  };
}

/** "; Duo concurs: NOVEL_ASN, unrealistic travel (3,360)" where the source flagged either end. */
function concurrence(verdicts: readonly SourceConcurrence[]): string {
  if (verdicts.length === 0) return '';
  const attacks = unique(verdicts.flatMap((v) => v.attacks)).sort();
  const velocity = Math.max(...verdicts.map((v) => v.velocity ?? 0));
  const parts = [...attacks, ...(velocity > 0 ? [`unrealistic travel (${thousands(velocity)})`] : [])];
  return `; Duo concurs: ${parts.join(', ')}`;
}

interface Hop {
  from: Located;
  to: Located;
  distanceKm: number;
  speedKmh: number;
}

interface Open {
  key: string;
  first: number;
  last: number;
  evidence: string[];
  count: number;
  /** The fastest hop so far: the one the finding describes. */
  hop: Hop;
  hops: number;
}

interface UserState {
  timeline: Located[];
  open: Open | null;
}

function hop(from: Located, to: Located): Hop | null {
  const distance = distanceKm(from.place, to.place);
  if (distance <= IMPOSSIBLE_TRAVEL.minDistanceKm) return null;
  // The skew allowance means two clocks a minute apart never turn a drive into a flight.
  const hours = (to.time - from.time + CLOCK_SKEW_MS) / 3_600_000;
  const speed = distance / hours;
  return speed > IMPOSSIBLE_TRAVEL.minSpeedKmh ? { from, to, distanceKm: distance, speedKmh: speed } : null;
}

const placeName = (p: Place) =>
  [p.city, p.country ?? p.countryCode].filter((v): v is string => v !== null).join(', ') ||
  `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`;

/**
 * Impossible travel: two consecutive attempts by one user (by event time, whatever order they
 * arrive in) from places so far apart, so close in time, that nobody could have made the journey.
 * Not raised when both places are familiar (the user's own countries of the last 30 days, or places
 * other users of the organisation came from): that is travel, geolocation noise or a corporate egress.
 * In an organisation whose people routinely seem to hop continents (mobile carriers, VPN egress all
 * over the world), a hop alone is no evidence: there it is raised only when the unfamiliar end is a
 * malicious or Tor address. A VPN or Tor address at either end is named as the likely cause and
 * lowers the severity.
 */
export function createImpossibleTravel({ customer, maxSubjects }: RuleOptions): Rule {
  const users = new Lru<string, UserState>(maxSubjects);

  const familiar = (profiles: Profiles, user: string, end: Located): boolean => {
    const code = end.place.countryCode;
    if (code === null) return false;
    const profile = profiles.user(user);
    return (
      (profile !== undefined && profiles.userKnows(profile, 'country', code, end.time)) ||
      profiles.orgFamiliar('country', code, end.time, user)
    );
  };

  const finding = (user: string, open: Open): FindingOf<'impossible_travel'> => {
    const { from, to } = open.hop;
    const anonymising = from.anonymising || to.anonymising;
    const score =
      50 +
      Math.min(20, 5 * Math.log2(open.hop.speedKmh / IMPOSSIBLE_TRAVEL.minSpeedKmh)) +
      (from.malicious || to.malicious ? 10 : 0) +
      (to.success ? 10 : 0) -
      (anonymising ? 30 : 0);
    const speed = Math.round(open.hop.speedKmh);
    const minutes = Math.round((to.time - from.time) / 60_000);
    const verdicts = [from.source, to.source].filter((v): v is SourceConcurrence => v !== null);
    return {
      id: findingId(customer, 'impossible_travel', user, open.key),
      customer,
      type: 'impossible_travel',
      severity: severityOf(clampScore(score)),
      score: clampScore(score),
      reason:
        `${placeName(from.place)} then ${placeName(to.place)}, ${thousands(Math.round(open.hop.distanceKm))} km in ${minutes} minutes (${thousands(speed)} km/h)` +
        (anonymising ? '; likely a VPN or Tor address' : '') +
        (open.hops > 1 ? `; ${open.hops} such hops` : '') +
        concurrence(verdicts),
      user,
      address: to.address,
      firstSeen: iso(open.first),
      lastSeen: iso(open.last),
      evidence: [...open.evidence],
      evidenceCount: open.count,
      details: {
        from: { ...from.place },
        to: { ...to.place },
        distanceKm: Math.round(open.hop.distanceKm),
        speedKmh: speed,
        minutes,
        likelyCause: anonymising ? 'anonymising address' : null,
        countries: unique([from.place.countryCode, to.place.countryCode]),
        ...(verdicts.length > 0 ? { sourceConcurs: verdicts } : {}),
      },
    };
  };

  const record = (state: UserState, user: string, h: Hop): FindingOf<'impossible_travel'> => {
    const open = state.open;
    if (open && h.from.time <= open.last + IMPOSSIBLE_TRAVEL.episodeGapMs && h.to.time >= open.first) {
      for (const end of [h.from, h.to]) {
        if (open.evidence.includes(end.txid)) continue;
        open.count += 1;
        if (open.evidence.length < MAX_EVIDENCE) open.evidence.push(end.txid);
      }
      open.first = Math.min(open.first, h.from.time);
      open.last = Math.max(open.last, h.to.time);
      open.hops += 1;
      if (h.speedKmh > open.hop.speedKmh) open.hop = h;
      return finding(user, open);
    }
    state.open = {
      key: h.from.txid,
      first: h.from.time,
      last: h.to.time,
      evidence: [h.from.txid, h.to.txid],
      count: 2,
      hop: h,
      hops: 1,
    };
    return finding(user, state.open);
  };

  // Impossible hops and located attempts per day of the last 30: how noisy this organisation's places are.
  const days = new Map<number, { attempts: number; hops: number }>();
  const totals = { attempts: 0, hops: 0 };
  const count = (time: number, attempts: number, hops: number) => {
    const day = Math.floor(time / DAY_MS);
    let bucket = days.get(day);
    if (!bucket) {
      bucket = { attempts: 0, hops: 0 };
      days.set(day, bucket);
      for (const [d, old] of days) {
        if (d > day - BASELINE_DAYS) continue;
        totals.attempts -= old.attempts;
        totals.hops -= old.hops;
        days.delete(d);
      }
    }
    bucket.attempts += attempts;
    bucket.hops += hops;
    totals.attempts += attempts;
    totals.hops += hops;
  };
  const noisy = () =>
    totals.attempts >= IMPOSSIBLE_TRAVEL.noiseMinAttempts &&
    totals.hops / totals.attempts >= IMPOSSIBLE_TRAVEL.noisyRate;

  return {
    observe(attempt, profiles) {
      if (attempt.user === null || attempt.geo === null || attempt.enrollment) return [];
      const state = users.upsert(attempt.user, () => ({ timeline: [], open: null }));
      const timeline = state.timeline;
      const located: Located = {
        time: attempt.time,
        txid: attempt.txid,
        address: attempt.address,
        place: {
          city: attempt.city,
          country: attempt.country,
          countryCode: attempt.countryCode,
          lat: attempt.geo.lat,
          lon: attempt.geo.lon,
        },
        anonymising: attempt.anonymising,
        tor: attempt.tor,
        malicious: attempt.malicious,
        success: attempt.success,
        source: sourceVerdict(attempt),
      };
      let at = timeline.length;
      while (at > 0 && timeline[at - 1]!.time > located.time) at--;
      timeline.splice(at, 0, located);
      if (timeline.length > MAX_ATTEMPTS_PER_USER) timeline.shift();

      const previous = timeline[timeline.indexOf(located) - 1];
      const next = timeline[timeline.indexOf(located) + 1];
      const impossible = [previous && hop(previous, located), next && hop(located, next)].filter(
        (h): h is Hop => !!h,
      );
      // Judged against the noise before this attempt, then counted into it.
      const quiet = !noisy();
      count(attempt.time, 1, impossible.length);
      const user = attempt.user;
      return impossible
        .filter((h) => {
          const strange = [h.from, h.to].filter((end) => !familiar(profiles, user, end));
          if (strange.length === 0) return false;
          return quiet || strange.some((end) => end.malicious || end.tor);
        })
        .map((h) => record(state, user, h));
    },
  };
}
