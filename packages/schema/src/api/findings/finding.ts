/**
 * What detection reports: the API shape of a finding. Types only, so the client and the dashboard can
 * import them without pulling in the engine.
 */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_TYPES = [
  'impossible_travel',
  'push_fatigue',
  'push_spray',
  'brute_force',
  'first_seen',
  'volume_anomaly',
  /** Not Sightline's own: the source (Duo) flagged an attack on the attempts. */
  'source_risk',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

/** A place as detectors name it. */
export interface Place {
  city: string | null;
  country: string | null;
  countryCode: string | null;
  lat: number;
  lon: number;
}

export interface ImpossibleTravelDetails {
  from: Place;
  to: Place;
  distanceKm: number;
  speedKmh: number;
  minutes: number;
  /** Set when an end of the hop is a VPN or Tor address: the likely cause, not a real journey. */
  likelyCause: 'anonymising address' | null;
  countries: string[];
  /** The source's verdicts on the hop's two attempts, where it flagged them (absent on older findings). */
  sourceConcurs?: SourceConcurrence[];
}

export interface PushFatigueDetails {
  refused: number;
  minutes: number;
  /** Txid of the approval that followed the refusals, if any. */
  approvedBy: string | null;
  addresses: string[];
}

export interface PushSprayDetails {
  /** The address, or the network (CIDR) the addresses share. */
  network: string;
  users: string[];
  refused: number;
  minutes: number;
}

export interface BruteForceDetails {
  subject: 'user' | 'address';
  failures: number;
  invalidPasscodes: number;
  minutes: number;
  /** Txid of a success that followed the failures, if any. */
  succeededBy: string | null;
  users: string[];
}

export type Novelty = 'country' | 'device' | 'application' | 'hour';

export interface FirstSeenDetails {
  novelties: Novelty[];
  country: string | null;
  device: string | null;
  application: string | null;
  /** UTC hour of the attempt, when unusual for the user. */
  hour: number | null;
  /** How long the user's baseline is, in days, and how many attempts it holds. */
  baselineDays: number;
  baselineAttempts: number;
}

export type VolumeDimension = 'application' | 'country' | 'reason' | 'reputation';

/** Another value anomalous in the same incident. */
export interface VolumeAnomalyValue {
  dimension: VolumeDimension;
  value: string;
  count: number;
  expected: number;
}

/**
 * One incident: a run of anomalous windows of one customer. The top-level fields name its leading
 * value (the most significant); `also` lists the others.
 */
export interface VolumeAnomalyDetails {
  dimension: VolumeDimension;
  value: string;
  /** Start of the leading value's first anomalous window (ISO), and hours from it to the end of its last. */
  hour: string;
  hours: number;
  /** Attempts with the leading value in its anomalous windows. */
  count: number;
  /** What the baseline predicts for those windows given their traffic. */
  expected: number;
  /** The value's share of the customer's attempts in the baseline. */
  baselineShare: number;
  /** End of the incident (ISO): the end of the hour of its last record. Absent on findings from before incidents. */
  until?: string;
  /** The incident's other anomalous values, most significant first, capped (VOLUME_ANOMALY.maxAlso). */
  also?: VolumeAnomalyValue[];
}

/** What the source (Duo) concluded, over the attempts of one finding. */
export interface SourceRiskDetails {
  source: 'duo';
  /** Detectors the source flagged and did not suppress, e.g. NOVEL_ASN, USER_MARKED_FRAUD. */
  attacks: string[];
  /** The lowest trust level among the attempts, and the source's reason for it. */
  trustLevel: string | null;
  sourceReason: string | null;
  /** Whether an attempt the source flagged still succeeded. */
  succeeded: boolean;
}

/** The source's verdict on a record another finding rests on: it concurs, in its own words. */
export interface SourceConcurrence {
  txid: string;
  attacks: string[];
  trustLevel: string | null;
  /** The travel speed the source found unrealistic, in its own unit. */
  velocity: number | null;
}

interface FindingBase {
  /** Stable: customer, type, subject and the window's first evidence, so replays upsert, never duplicate. */
  id: string;
  customer: string;
  severity: Severity;
  /** 0 to 100, ordering findings within a severity. */
  score: number;
  /** Plain words, e.g. "9 unanswered pushes in 4 minutes, then approved". */
  reason: string;
  user: string | null;
  address: string | null;
  /** ISO times of the first and last evidence. */
  firstSeen: string;
  lastSeen: string;
  /** Txids of the evidence, in time order, at most MAX_EVIDENCE. */
  evidence: string[];
  /** All evidence records, including those beyond the cap. */
  evidenceCount: number;
}

export type Finding =
  | (FindingBase & { type: 'impossible_travel'; details: ImpossibleTravelDetails })
  | (FindingBase & { type: 'push_fatigue'; details: PushFatigueDetails })
  | (FindingBase & { type: 'push_spray'; details: PushSprayDetails })
  | (FindingBase & { type: 'brute_force'; details: BruteForceDetails })
  | (FindingBase & { type: 'first_seen'; details: FirstSeenDetails })
  | (FindingBase & { type: 'volume_anomaly'; details: VolumeAnomalyDetails })
  | (FindingBase & { type: 'source_risk'; details: SourceRiskDetails });

/** The finding of one type. */
export type FindingOf<T extends FindingType> = Extract<Finding, { type: T }>;
