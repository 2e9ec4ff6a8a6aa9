import type { AuthLogRecord } from '@sightline/schema';

/** The fields of a stored record that detection reads; generated and normalised records both fit. */
export type DetectionRecord = Pick<
  AuthLogRecord,
  'txid' | 'customer_id' | 'ts' | 'event_type' | 'result' | 'reason' | 'factor' | 'user' | 'application'
> & {
  access_device: Pick<AuthLogRecord['access_device'], 'ip' | 'ip_reputation' | 'location' | 'browser' | 'os'>;
  /** What the source concluded; absent from records stored before the source's verdicts were kept. */
  risk?: Partial<
    Pick<AuthLogRecord['risk'], 'trust_level' | 'reason' | 'attacks' | 'travel_velocity'>
  > | null;
};

/** One attempt as detectors see it: flat, with the questions they ask already answered. */
export interface Attempt {
  txid: string;
  customer: string;
  /** Event time in ms: every window is on event time, never arrival time. */
  time: number;
  user: string | null;
  address: string | null;
  result: string;
  reason: string | null;
  factor: string | null;
  application: string | null;
  city: string | null;
  country: string | null;
  countryCode: string | null;
  geo: { lat: number; lon: number } | null;
  /** VPN or Tor: the address hides where the person is. */
  anonymising: boolean;
  tor: boolean;
  malicious: boolean;
  /** Browser and OS, e.g. "Chrome on Windows"; null when the source gives neither. */
  device: string | null;
  enrollment: boolean;
  /** A push or phone call the user refused, did not answer, or marked as fraud. */
  refusedPush: boolean;
  /** Any other failed attempt (invalid passcode, lockout, policy denial); system errors are not failures. */
  failure: boolean;
  invalidPasscode: boolean;
  success: boolean;
  /** Attacks the source (Duo) itself flagged on this attempt and did not suppress, e.g. NOVEL_ASN. */
  sourceAttacks: string[];
  /** The source's trust level and its reason, e.g. LOW, "Novel Access IP". */
  sourceTrust: string | null;
  sourceReason: string | null;
  /** The travel speed the source found unrealistic, in its own unit. */
  sourceVelocity: number | null;
}

const PUSH_FACTORS = new Set(['duo_push', 'phone_call']);
/** Results where the person (or policy) said no; 'error' is the system failing, not evidence. */
const FAILED = new Set(['denied', 'failure', 'fraud']);

export function toAttempt(record: DetectionRecord): Attempt {
  const device = record.access_device;
  const location = device.location;
  const reputation = device.ip_reputation;
  const factor = record.factor ?? null;
  const failed = FAILED.has(record.result);
  const pushLike = factor !== null && PUSH_FACTORS.has(factor);
  const browser = device.browser ?? null;
  const os = device.os ?? null;
  const risk = record.risk ?? {};
  return {
    txid: record.txid,
    customer: record.customer_id,
    time: Date.parse(record.ts),
    user: record.user.name ?? null,
    address: device.ip ?? null,
    result: record.result,
    reason: record.reason ?? null,
    factor,
    application: record.application.name ?? null,
    city: location.city ?? null,
    country: location.country ?? null,
    countryCode: location.country_code ?? null,
    geo: location.geo ?? null,
    anonymising: reputation.is_vpn === true || reputation.is_tor === true,
    tor: reputation.is_tor === true,
    malicious: reputation.is_malicious === true,
    device:
      browser === null && os === null ? null : `${browser ?? 'unknown browser'} on ${os ?? 'unknown OS'}`,
    enrollment: record.event_type === 'enrollment',
    refusedPush: failed && pushLike,
    failure: failed && !pushLike,
    invalidPasscode: record.reason === 'invalid_passcode',
    success: record.result === 'success',
    sourceAttacks: risk.attacks ?? [],
    sourceTrust: risk.trust_level ?? null,
    sourceReason: risk.reason ?? null,
    sourceVelocity: risk.travel_velocity ?? null,
  };
}
