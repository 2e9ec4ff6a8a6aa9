/**
 * Every detection threshold, in one place. Each value is the smallest evidence that is worth an
 * admin's attention: below it a normal day produces the pattern often enough to drown real findings
 * (the recall test over generated traffic measures both sides).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** How far back baselines look: the user's own last 30 days, the customer's last 30 days. */
export const BASELINE_MS = 30 * DAY_MS;

/** Attempts kept per user for windowed detectors; enough to hold any window below at burst rates. */
export const MAX_ATTEMPTS_PER_USER = 40;
/** Users (or addresses) tracked per detector and customer; the least recently seen are forgotten. */
export const DEFAULT_MAX_SUBJECTS = 200_000;
/** Txids kept as a finding's evidence; the count keeps going beyond it. */
export const MAX_EVIDENCE = 50;

/** Two timestamps from different clocks may disagree by this much: added to every travel time. */
export const CLOCK_SKEW_MS = 2 * MINUTE_MS;

export const IMPOSSIBLE_TRAVEL = {
  /** Faster than an airliner door to door. */
  minSpeedKmh: 1000,
  /** Closer than this is geolocation noise (one metro area resolving to two cities). */
  minDistanceKm: 500,
  /** A place the organisation's users come from is familiar once this many distinct users used it. */
  familiarUsers: 1,
  /**
   * An organisation is noisy when this share of its located attempts (last 30 days, at least
   * `noiseMinAttempts` of them) are impossible hops; there a hop needs a malicious or Tor address too.
   */
  noisyRate: 0.002,
  noiseMinAttempts: 500,
  /** Hops within this long of the user's open finding extend it rather than opening another. */
  episodeGapMs: 6 * HOUR_MS,
} as const;

export const PUSH_FATIGUE = {
  /** Refused or unanswered pushes (or calls) for one user within `windowMs`. */
  minRefused: 3,
  windowMs: 10 * MINUTE_MS,
  /** Or this many within `slowWindowMs`: the slow drip of a patient attacker. */
  slowRefused: 5,
  slowWindowMs: 2 * HOUR_MS,
  /** An approval this soon after the refusals is the attacker getting in. */
  approvalWithinMs: 15 * MINUTE_MS,
  /** From this many refusals the pattern alone is high severity. */
  highRefused: 8,
} as const;

export const PUSH_SPRAY = {
  /** Refused pushes to this many distinct users from one address or network within `windowMs`. */
  minUsers: 5,
  windowMs: 30 * MINUTE_MS,
  /** Prefix lengths that group addresses into one network. */
  ipv4Prefix: 24,
  ipv6Prefix: 64,
} as const;

export const BRUTE_FORCE = {
  /** Failed attempts other than refused pushes (invalid passcodes, lockouts, policy denials) for one user. */
  minUserFailures: 5,
  /** Failed attempts from one address, over any users. */
  minAddressFailures: 10,
  windowMs: 15 * MINUTE_MS,
  /** A success this soon after the failures, for the same user or from the same address, raises severity. */
  successWithinMs: 15 * MINUTE_MS,
} as const;

export const FIRST_SEEN = {
  /** A user needs this long of history and this many attempts before anything about them is "new". */
  warmUpMs: 7 * DAY_MS,
  warmUpAttempts: 10,
  /** A sign-in hour at least this far (circularly) from every hour the user signed in before is unusual. */
  unusualHourGap: 4,
  /** Distinct values remembered per user and kind; the least recently seen is dropped first. */
  maxValuesPerUser: 24,
  /** Once a user has a finding, the next one waits at least this long. */
  cooldownMs: DAY_MS,
  /**
   * Novelty weight a finding needs (weights in first-seen.ts): a new device alone, or a country the
   * organisation hardly sees together with another novelty or a malicious address.
   */
  minScore: 50,
} as const;

export const VOLUME_ANOMALY = {
  /**
   * Windows counted, in hours, aligned to UTC: an hour catches a sharp burst, six hours a slow one in a
   * small customer (twenty attempts over an afternoon).
   */
  windowHours: [1, 6],
  /** Fewer records than this in the hour are never an anomaly, whatever the baseline. */
  minCount: 5,
  /** Chance under the baseline (Poisson tail) below which the hour is anomalous. */
  maxPValue: 1e-6,
  /** The customer needs this much history before its baseline means anything. */
  warmUpMs: 3 * DAY_MS,
  warmUpAttempts: 500,
  /** Distinct values tracked per dimension and customer. */
  maxValues: 2_000,
  /**
   * One incident is one finding: anomalous records (of any value, in windows of either length) closer
   * than this belong to the same incident; a longer quiet spell ends it.
   */
  incidentGapMs: HOUR_MS,
  /** Other anomalous values a finding lists beside the leading one, most significant first. */
  maxAlso: 10,
} as const;

/** Txids remembered per customer to drop redeliveries (at-least-once delivery sends some twice). */
export const RECENT_TXIDS = 100_000;

export const SOURCE_RISK = {
  /** Attempts of one user the source flagged within this long of each other make one finding. */
  windowMs: HOUR_MS,
  /** Detectors that mean a person said "this was not me": high severity on their own. */
  confirmed: ['USER_MARKED_FRAUD'],
} as const;
