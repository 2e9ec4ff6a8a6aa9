import type { DetectionRecord } from './attempt';
import { createDetector, type Detector } from './detector';
import type { Finding, FindingType } from '@sightline/schema/api';

/** Places used by the crafted sequences, with their real coordinates. */
export const PLACES = {
  newYork: { city: 'New York', country: 'United States', country_code: 'US', lat: 40.7128, lon: -74.006 },
  boston: { city: 'Boston', country: 'United States', country_code: 'US', lat: 42.3601, lon: -71.0589 },
  london: { city: 'London', country: 'United Kingdom', country_code: 'GB', lat: 51.5074, lon: -0.1278 },
  moscow: { city: 'Moscow', country: 'Russia', country_code: 'RU', lat: 55.7558, lon: 37.6173 },
} as const;
export type PlaceName = keyof typeof PLACES;

export interface Crafted {
  txid: string;
  /** Minutes after T0. */
  at: number;
  user?: string;
  result?: string;
  reason?: string | null;
  factor?: string | null;
  ip?: string;
  place?: PlaceName | null;
  vpn?: boolean;
  tor?: boolean;
  malicious?: boolean;
  browser?: string;
  os?: string;
  application?: string;
  enrollment?: boolean;
  /** Attacks the source flagged on the record, and its trust level. */
  attacks?: string[];
  trust?: string;
  /** The travel speed the source found unrealistic. */
  velocity?: number;
}

export const CUSTOMER = 'acme';
export const T0 = Date.parse('2026-11-02T10:00:00Z');
export const MINUTE = 60_000;

/** A stored record built from the few fields a test cares about; the rest is an ordinary push approval. */
export function record(c: Crafted): DetectionRecord {
  const place = c.place === null ? null : PLACES[c.place ?? 'newYork'];
  return {
    txid: c.txid,
    customer_id: CUSTOMER,
    ts: new Date(T0 + c.at * MINUTE).toISOString(),
    event_type: c.enrollment ? 'enrollment' : 'authentication',
    result: c.result ?? 'success',
    reason: c.reason === undefined ? 'user_approved' : c.reason,
    factor: c.factor === undefined ? 'duo_push' : c.factor,
    user: { name: c.user ?? 'ana', key: null, groups: [] },
    application: { name: c.application ?? 'Microsoft 365', key: null, type: null, destination_name: null },
    access_device: {
      ip: c.ip ?? '198.51.100.7',
      ip_reputation: { is_vpn: c.vpn ?? false, is_tor: c.tor ?? false, is_malicious: c.malicious ?? false },
      location: place
        ? {
            city: place.city,
            state: null,
            country: place.country,
            country_code: place.country_code,
            geo: { lat: place.lat, lon: place.lon },
          }
        : { city: null, state: null, country: null, country_code: null, geo: null },
      browser: c.browser ?? 'Chrome',
      os: c.os ?? 'Windows',
    },
    risk:
      c.attacks || c.trust || c.velocity !== undefined
        ? { attacks: c.attacks ?? null, trust_level: c.trust ?? 'LOW', travel_velocity: c.velocity ?? null }
        : null,
  };
}

/** A refused push: the shape push fatigue and spray look for. */
export const refused = (c: Crafted): Crafted => ({ result: 'denied', reason: 'no_response', ...c });
/** A failed passcode: the shape brute force looks for. */
export const badPasscode = (c: Crafted): Crafted => ({
  result: 'denied',
  reason: 'invalid_passcode',
  factor: 'passcode',
  ...c,
});

/** Feeds the records in the order given; returns the latest version of every finding, by id. */
export function run(
  records: readonly Crafted[],
  detector: Detector = createDetector({ customer: CUSTOMER }),
) {
  const findings = new Map<string, Finding>();
  for (const r of records) for (const f of detector.observe(record(r))) findings.set(f.id, f);
  return [...findings.values()];
}

export const ofType = <T extends FindingType>(findings: readonly Finding[], type: T) =>
  findings.filter((f): f is Extract<Finding, { type: T }> => f.type === type);

/** Crafted sequence numbering: "p1", "p2", ... */
export const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
