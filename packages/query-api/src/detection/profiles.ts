import type { Attempt } from './attempt';
import { Lru } from './lru';
import { BASELINE_MS, FIRST_SEEN, IMPOSSIBLE_TRAVEL } from './thresholds';

/** When a value was first and last seen. */
interface Sighting {
  first: number;
  last: number;
}

export type ProfileKind = 'country' | 'device' | 'application';

/** What one user usually does: the baseline "first seen" and travel compare an attempt with. */
export interface UserProfile {
  first: number;
  attempts: number;
  values: Record<ProfileKind, Map<string, Sighting>>;
  /** Last time the user signed in during each UTC hour of the day. */
  hours: number[];
}

/** Users remembered per value for the organisation's view; enough to tell "a few" from "one". */
const ORG_USERS_PER_VALUE = 16;
const ORG_MAX_VALUES = 4_096;

function remember(map: Map<string, Sighting>, value: string, at: number, cap: number): void {
  const seen = map.get(value);
  if (seen) {
    seen.first = Math.min(seen.first, at);
    seen.last = Math.max(seen.last, at);
    return;
  }
  map.set(value, { first: at, last: at });
  if (map.size <= cap) return;
  let oldest: string | null = null;
  let oldestAt = Infinity;
  for (const [key, s] of map) {
    if (s.last < oldestAt) {
      oldest = key;
      oldestAt = s.last;
    }
  }
  if (oldest !== null) map.delete(oldest);
}

/** Seen before `at`, and recently enough to still be part of the 30-day baseline. */
const within = (s: Sighting | undefined, at: number): boolean =>
  s !== undefined && s.first < at && s.last >= at - BASELINE_MS;

/**
 * Per-customer baselines shared by detectors: each user's countries, devices, applications and hours,
 * and which users of the organisation come from each country or use each application. Detectors read
 * the baseline as it was before an attempt; the detector updates it after every rule has looked.
 */
export class Profiles {
  private readonly users: Lru<string, UserProfile>;
  private readonly org: Record<'country' | 'application', Lru<string, Map<string, Sighting>>> = {
    country: new Lru(ORG_MAX_VALUES),
    application: new Lru(ORG_MAX_VALUES),
  };

  constructor(maxUsers: number) {
    this.users = new Lru(maxUsers);
  }

  user(name: string): UserProfile | undefined {
    return this.users.get(name);
  }

  /** Whether the user had this value in their baseline before `at`. */
  userKnows(profile: UserProfile, kind: ProfileKind, value: string, at: number): boolean {
    return within(profile.values[kind].get(value), at);
  }

  /**
   * How many other users of the organisation had this value in the last 30 days. Only the most recent
   * users are kept per value, so "before `at`" cannot be told apart here; late records see the present.
   */
  orgUsers(kind: 'country' | 'application', value: string, at: number, except: string | null): number {
    const users = this.org[kind].get(value);
    if (!users) return 0;
    let n = 0;
    for (const [user, s] of users) if (user !== except && s.last >= at - BASELINE_MS) n++;
    return n;
  }

  /** A place the organisation's people come from: travel and novelty there are ordinary. */
  orgFamiliar(kind: 'country' | 'application', value: string, at: number, except: string | null): boolean {
    return this.orgUsers(kind, value, at, except) >= IMPOSSIBLE_TRAVEL.familiarUsers;
  }

  update(a: Attempt): void {
    if (a.user === null || a.enrollment) return;
    const profile = this.users.upsert(a.user, () => ({
      first: a.time,
      attempts: 0,
      values: { country: new Map(), device: new Map(), application: new Map() },
      hours: Array<number>(24).fill(-Infinity),
    }));
    profile.first = Math.min(profile.first, a.time);
    profile.attempts += 1;
    const hour = new Date(a.time).getUTCHours();
    profile.hours[hour] = Math.max(profile.hours[hour]!, a.time);
    const values: Record<ProfileKind, string | null> = {
      country: a.countryCode,
      device: a.device,
      application: a.application,
    };
    for (const kind of ['country', 'device', 'application'] as const) {
      const value = values[kind];
      if (value !== null) remember(profile.values[kind], value, a.time, FIRST_SEEN.maxValuesPerUser);
    }
    for (const kind of ['country', 'application'] as const) {
      const value = values[kind];
      if (value === null) continue;
      remember(
        this.org[kind].upsert(value, () => new Map()),
        a.user,
        a.time,
        ORG_USERS_PER_VALUE,
      );
    }
  }
}
