/**
 * What Duo itself concluded about an attempt, read from an authentication log v2 record into the
 * canonical `risk.*` fields: its adaptive trust assessments (`adaptive_trust_assessments`, one per
 * policy feature such as `more_secure_auth` and `remember_me`), the attacks its risk-based factor
 * selection triggered (`rbfs_triggered_attacks`), its Passport assessment and its trusted session.
 *
 * The rule for bad values: these blocks are Duo's own verdict, not something a client can spoof, so a
 * block of the wrong shape is dropped (its fields stay null) rather than kept raw; inside a list, an
 * entry of the wrong shape or a detector that is not a non-empty string is skipped, and the rest kept.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The canonical risk fields, as `normalise` reads them (all null when the record carries none). */
export interface SourceRisk {
  trust_level: string | null;
  reason: string | null;
  attacks: string[] | null;
  suppressed_attacks: string[] | null;
  suppressed_reasons: string[] | null;
  access_country_code: string | null;
  auth_country_code: string | null;
  travel_velocity: number | null;
  passport_supported: boolean | null;
  passport_reason: string | null;
  trusted_session: string | null;
}

/** Lower ranks win: the record keeps its most worrying assessment. Unlisted levels rank with UNKNOWN. */
const TRUST_RANK: Record<string, number> = { LOW: 0, NORMAL: 1, UNKNOWN: 2, ERROR: 3 };

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

const name = (value: unknown): string | null => text(value)?.toUpperCase() ?? null;

function velocity(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}

const sorted = (values: Set<string>): string[] | null => (values.size ? [...values].sort() : null);

interface Assessed {
  level: string | null;
  reason: string | null;
  detectors: Set<string>;
}

function assessments(value: unknown): Assessed {
  const out: Assessed = { level: null, reason: null, detectors: new Set() };
  if (!isObject(value)) return out;
  let best = Infinity;
  // Sorted keys: the same record always yields the same choice when two assessments tie.
  for (const key of Object.keys(value).sort()) {
    const assessment = value[key];
    if (!isObject(assessment)) continue;
    const level = name(assessment.trust_level);
    const rank = level === null ? Infinity : (TRUST_RANK[level] ?? TRUST_RANK.UNKNOWN!);
    if (rank < best) {
      best = rank;
      out.level = level;
      out.reason = text(assessment.reason);
    }
    if (Array.isArray(assessment.detected_attack_detectors)) {
      for (const d of assessment.detected_attack_detectors) {
        const detector = name(d);
        if (detector !== null) out.detectors.add(detector);
      }
    }
  }
  return out;
}

/** The risk fields of one Duo v2 record. */
export function duoRisk(record: Json): SourceRisk {
  const assessed = assessments(record.adaptive_trust_assessments);
  const flagged = new Set<string>();
  const suppressedOnly = new Set<string>();
  const reasonsOf = new Map<string, Set<string>>();
  let accessCountry: string | null = null;
  let authCountry: string | null = null;
  let speed: number | null = null;
  const triggered = Array.isArray(record.rbfs_triggered_attacks) ? record.rbfs_triggered_attacks : [];
  for (const attack of triggered) {
    if (!isObject(attack)) continue;
    const detector = name(attack.detector);
    if (detector === null) continue;
    // Duo writes why it suppressed a detection ("KNOWN_IP"), or null when it did not.
    const suppressed =
      attack.suppressed !== null && attack.suppressed !== undefined && attack.suppressed !== false;
    if (suppressed) {
      suppressedOnly.add(detector);
      const why = name(attack.suppressed);
      if (why !== null) reasonsOf.set(detector, (reasonsOf.get(detector) ?? new Set()).add(why));
      continue;
    }
    flagged.add(detector);
    accessCountry ??= name(attack.country_code_access);
    authCountry ??= name(attack.country_code_auth);
    const v = velocity(attack.unrealistic_travel_velocity);
    if (v !== null) speed = Math.max(speed ?? 0, v);
  }
  // An assessment's detector stands unless every triggered entry for it was suppressed.
  for (const detector of assessed.detectors) if (!suppressedOnly.has(detector)) flagged.add(detector);
  for (const detector of flagged) suppressedOnly.delete(detector);
  // Reasons only for what stayed suppressed: a detector also flagged elsewhere is not benign.
  const reasons = new Set([...suppressedOnly].flatMap((d) => [...(reasonsOf.get(d) ?? [])]));

  const passport = isObject(record.passport_assessment) ? record.passport_assessment : {};
  const session = isObject(record.trusted_session_info) ? record.trusted_session_info : {};
  return {
    trust_level: assessed.level,
    reason: assessed.reason,
    attacks: sorted(flagged),
    suppressed_attacks: sorted(suppressedOnly),
    suppressed_reasons: sorted(reasons),
    access_country_code: accessCountry,
    auth_country_code: authCountry,
    travel_velocity: speed,
    passport_supported: typeof passport.is_supported === 'boolean' ? passport.is_supported : null,
    passport_reason: text(passport.reason),
    trusted_session: text(session.trusted_session_uuid),
  };
}
