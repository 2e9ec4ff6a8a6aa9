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
  adaptive_trust_assessments: Record<string, never>;
  alias: string;
  application: { key: string | null; name: string | null };
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
  reason: string | null;
  result: string;
  timestamp: number;
  trusted_endpoint_status: string | null;
  txid: string;
  user: { groups: string[]; key: string | null; name: string | null };
}

const tristate = (v: boolean | 'unknown' | null) => v ?? 'unknown';

/** Renders a canonical record as Duo exports it; older exports upper-case the result (a small share here). */
export function toDuoRecord(record: GeneratedRecord, random: Random): DuoAuthLog {
  const a = record.access_device;
  const d = record.auth_device;
  const legacy = random.chance(0.03);
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
    adaptive_trust_assessments: {},
    alias: record.alias ?? '',
    application: { key: record.application.key, name: record.application.name },
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
    reason: record.reason,
    result: legacy ? record.result.toUpperCase() : record.result,
    timestamp: Math.floor(Date.parse(record.ts) / 1000),
    trusted_endpoint_status: record.trusted_endpoint_status,
    txid: record.txid,
    user: { groups: record.user.groups ?? [], key: record.user.key, name: record.user.name },
  };
}
