import type { FindingOf, Novelty } from '@sightline/schema/api';
import { findingId } from './finding-id';
import { Lru } from './lru';
import type { UserProfile } from './profiles';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import { DAY_MS, FIRST_SEEN, MAX_EVIDENCE } from './thresholds';
import { iso } from './words';

/**
 * How much each novelty weighs. New for the user and rare in the whole organisation is strong; new for
 * the user but common among colleagues (a country people travel to, an application everyone uses) is
 * weak on its own: that is what normal days are made of.
 */
const WEIGHT = {
  device: 50,
  rareCountry: 40,
  commonCountry: 10,
  rareApplication: 30,
  commonApplication: 5,
  hour: 20,
  /** Added when there is any novelty and the address is known malicious or a Tor exit (VPNs are everyday). */
  badAddress: 15,
  /** Added to the score, not to what opens a finding: the unfamiliar attempt got in. */
  success: 10,
} as const;

interface Open {
  key: string;
  address: string | null;
  first: number;
  last: number;
  evidence: string[];
  count: number;
  details: FindingOf<'first_seen'>['details'];
  score: number;
}

/** Circular distance in hours from `hour` to the nearest hour the user signed in within the baseline. */
function hourGap(profile: UserProfile, hour: number, at: number): number {
  let gap = 12;
  profile.hours.forEach((last, h) => {
    if (last < at - 30 * DAY_MS || last >= at) return;
    const d = Math.abs(h - hour);
    gap = Math.min(gap, d, 24 - d);
  });
  return gap;
}

const WORDS: Record<Novelty, (d: FindingOf<'first_seen'>['details']) => string> = {
  country: (d) => `first sign-in from ${d.country}`,
  device: (d) => `first use of ${d.device}`,
  application: (d) => `first use of ${d.application}`,
  hour: (d) => `first sign-in around ${String(d.hour).padStart(2, '0')}:00 UTC`,
};

/**
 * First seen for this user: a new country, device or browser, application, or an hour far outside the
 * user's habits, each against the user's own previous 30 days. Users in their warm-up (too little
 * history) raise nothing, so a new employee's first week does not flood the list. One finding per user
 * per cooldown collects every novelty of that day.
 */
export function createFirstSeen({ customer, maxSubjects }: RuleOptions): Rule {
  const open = new Lru<string, Open>(maxSubjects);

  const finding = (user: string, o: Open): FindingOf<'first_seen'> => ({
    id: findingId(customer, 'first_seen', user, o.key),
    customer,
    type: 'first_seen',
    severity: severityOf(clampScore(o.score)),
    score: clampScore(o.score),
    reason: `${o.details.novelties.map((n) => WORDS[n](o.details)).join(', ')}, against ${o.details.baselineDays} days and ${o.details.baselineAttempts} attempts of history`,
    user,
    address: o.address,
    firstSeen: iso(o.first),
    lastSeen: iso(o.last),
    evidence: [...o.evidence],
    evidenceCount: o.count,
    details: { ...o.details, novelties: [...o.details.novelties] },
  });

  return {
    observe(a, profiles) {
      if (a.user === null || a.enrollment) return [];
      const profile = profiles.user(a.user);
      if (
        !profile ||
        profile.attempts < FIRST_SEEN.warmUpAttempts ||
        a.time - profile.first < FIRST_SEEN.warmUpMs
      )
        return [];

      const novelties: Novelty[] = [];
      let score = 0;
      const knows = (kind: 'country' | 'device' | 'application', value: string | null) =>
        value === null || profiles.userKnows(profile, kind, value, a.time);
      if (!knows('device', a.device) && profile.values.device.size > 0) {
        novelties.push('device');
        score += WEIGHT.device;
      }
      if (!knows('country', a.countryCode)) {
        novelties.push('country');
        score += profiles.orgFamiliar('country', a.countryCode!, a.time, a.user)
          ? WEIGHT.commonCountry
          : WEIGHT.rareCountry;
      }
      if (!knows('application', a.application)) {
        novelties.push('application');
        score += profiles.orgFamiliar('application', a.application!, a.time, a.user)
          ? WEIGHT.commonApplication
          : WEIGHT.rareApplication;
      }
      const hour = new Date(a.time).getUTCHours();
      const unusualHour = hourGap(profile, hour, a.time) >= FIRST_SEEN.unusualHourGap;
      if (unusualHour) {
        novelties.push('hour');
        score += WEIGHT.hour;
      }
      if (novelties.length === 0) return [];
      if (a.malicious || a.tor) score += WEIGHT.badAddress;
      const opens = score >= FIRST_SEEN.minScore;
      if (a.success) score += WEIGHT.success;

      const current = open.get(a.user);
      if (
        current &&
        a.time >= current.first - FIRST_SEEN.cooldownMs &&
        a.time < current.last + FIRST_SEEN.cooldownMs
      ) {
        if (current.evidence.includes(a.txid)) return [];
        // Within the cooldown, a novelty joins the open finding only if it adds something.
        const added = novelties.filter((n) => !current.details.novelties.includes(n));
        if (added.length === 0 && score <= current.score) return [];
        current.count += 1;
        if (current.evidence.length < MAX_EVIDENCE) current.evidence.push(a.txid);
        current.first = Math.min(current.first, a.time);
        current.last = Math.max(current.last, a.time);
        current.score = Math.max(current.score, score);
        const d = current.details;
        d.novelties = [...d.novelties, ...added];
        if (added.includes('country')) d.country = a.country ?? a.countryCode;
        if (added.includes('device')) d.device = a.device;
        if (added.includes('application')) d.application = a.application;
        if (added.includes('hour')) d.hour = hour;
        return [finding(a.user, current)];
      }
      if (!opens) return [];
      const created: Open = {
        key: a.txid,
        address: a.address,
        first: a.time,
        last: a.time,
        evidence: [a.txid],
        count: 1,
        score,
        details: {
          novelties,
          country: novelties.includes('country') ? (a.country ?? a.countryCode) : null,
          device: novelties.includes('device') ? a.device : null,
          application: novelties.includes('application') ? a.application : null,
          hour: unusualHour ? hour : null,
          baselineDays: Math.floor((a.time - profile.first) / DAY_MS),
          baselineAttempts: profile.attempts,
        },
      };
      open.set(a.user, created);
      return [finding(a.user, created)];
    },
  };
}
