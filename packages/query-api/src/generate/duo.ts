import type { GeneratedRecord } from './records';
import type { Random } from './random';

/** One record in the shape of Duo's Admin API authentication logs v2 (no tenant, no geo, no reputation). */
export interface DuoAuthLog {
  access_device: {
    browser: string | null;
    browser_version: string | null;
    epkey: string | null;
    flash_version: string;
    hostname: string | null;
    ip: string | null;
    is_encryption_enabled: boolean | 'unknown';
    is_firewall_enabled: boolean | 'unknown';
    is_password_set: boolean | 'unknown';
    java_version: string;
    location: { city: string | null; country: string | null; state: string | null };
    os: string | null;
    os_version: string | null;
    security_agents: string;
  };
  adaptive_trust_assessments: Record<string, DuoTrustAssessment>;
  alias: string;
  application: { destination_name?: string; key: string | null; name: string | null };
  auth_device: {
    ip: string | null;
    location: { city: string | null; country: string | null; state: string | null };
    name: string | null;
  };
  email: string;
  event_type: string;
  factor: string | null;
  isotimestamp: string;
  ood_software: null;
  rbfs_triggered_attacks: DuoTriggeredAttack[] | null;
  reason: string | null;
  result: string;
  timestamp: number;
  trusted_endpoint_status: string | null;
  txid: string;
  user: { groups: string[]; key: string | null; name: string | null };
}

/** One of Duo's adaptive trust assessments (per policy feature, e.g. `more_secure_auth`). */
export interface DuoTrustAssessment {
  detected_attack_detectors: string[];
  features_version: string;
  model_version: string;
  policy_enabled: boolean;
  reason: string | null;
  trust_level: string;
}

/** One attack Duo's risk-based factor selection triggered; `suppressed` says why it was let go. */
export interface DuoTriggeredAttack {
  country_code_access: string | null;
  country_code_auth: string | null;
  detected_occurrences: number;
  detector: string;
  shadow_mode: boolean;
  suppressed: string | null;
  threshold_occurrences: number;
  threshold_time_frame: number | null;
  unrealistic_travel_velocity: number | null;
}

const tristate = (v: boolean | 'unknown' | null) => v ?? 'unknown';

function triggered(
  detector: string,
  suppressed: string | null,
  risk: GeneratedRecord['risk'],
): DuoTriggeredAttack {
  return {
    country_code_access: risk.access_country_code,
    country_code_auth: risk.auth_country_code,
    detected_occurrences: 1,
    detector,
    shadow_mode: false,
    suppressed,
    threshold_occurrences: 1,
    threshold_time_frame: null,
    unrealistic_travel_velocity: risk.travel_velocity,
  };
}

/** The canonical risk fields as Duo writes them: the assessment, and each triggered attack. */
function duoRiskBlocks(risk: GeneratedRecord['risk']) {
  const assessments: Record<string, DuoTrustAssessment> = {};
  if (risk.trust_level !== null) {
    assessments.more_secure_auth = {
      detected_attack_detectors: risk.attacks ?? [],
      features_version: '3.0',
      model_version: '2022.07.19.001',
      policy_enabled: true,
      reason: risk.reason,
      trust_level: risk.trust_level,
    };
  }
  const reason = risk.suppressed_reasons?.[0] ?? 'KNOWN_IP';
  const attacks = [
    ...(risk.attacks ?? []).map((d) => triggered(d, null, risk)),
    ...(risk.suppressed_attacks ?? []).map((d) => triggered(d, reason, risk)),
  ];
  return { assessments, attacks: attacks.length > 0 ? attacks : null };
}

/** Renders a canonical record as Duo exports it; older exports upper-case the result (a small share here). */
export function toDuoRecord(record: GeneratedRecord, random: Random): DuoAuthLog {
  const a = record.access_device;
  const d = record.auth_device;
  const legacy = random.chance(0.03);
  const risk = duoRiskBlocks(record.risk);
  const destination = record.application.destination_name;
  return {
    access_device: {
      browser: a.browser,
      browser_version: a.browser_version,
      epkey: null,
      flash_version: 'uninstalled',
      hostname: a.hostname,
      ip: a.ip,
      is_encryption_enabled: tristate(a.is_encryption_enabled),
      is_firewall_enabled: tristate(a.is_firewall_enabled),
      is_password_set: tristate(a.is_password_set),
      java_version: 'uninstalled',
      location: { city: a.location.city, country: a.location.country, state: a.location.state },
      os: a.os,
      os_version: a.os_version,
      security_agents: 'unknown',
    },
    adaptive_trust_assessments: risk.assessments,
    alias: record.alias ?? '',
    application: {
      ...(destination !== null ? { destination_name: destination } : {}),
      key: record.application.key,
      name: record.application.name,
    },
    auth_device: {
      ip: d.ip,
      location: { city: d.location.city, country: d.location.country, state: d.location.state },
      name: d.name,
    },
    email: record.email ?? '',
    event_type: record.event_type,
    factor: record.factor,
    isotimestamp: record.ts.replace(/Z$/, '+00:00'),
    ood_software: null,
    rbfs_triggered_attacks: risk.attacks,
    reason: record.reason,
    result: legacy ? record.result.toUpperCase() : record.result,
    timestamp: Math.floor(Date.parse(record.ts) / 1000),
    trusted_endpoint_status: record.trusted_endpoint_status,
    txid: record.txid,
    user: { groups: record.user.groups ?? [], key: record.user.key, name: record.user.name },
  };
}
