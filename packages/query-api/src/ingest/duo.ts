/**
 * Duo Admin API authentication logs v2: recognising records and API responses, and mapping a
 * record onto the canonical field paths (normalise.ts then validates and flags it).
 */

import { duoRisk } from './duo-risk';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A Duo record has `isotimestamp`/`timestamp`; a canonical one has `ts`. */
export function isDuoRecord(value: Json): boolean {
  return !('ts' in value) && ('isotimestamp' in value || 'timestamp' in value);
}

/** The records of a saved API response (`{"response":{"authlogs":[…]}}` or `{"authlogs":[…]}`), else null. */
export function authlogsOf(value: unknown): unknown[] | null {
  if (!isObject(value)) return null;
  const container = isObject(value.response) ? value.response : value;
  return Array.isArray(container.authlogs) ? container.authlogs : null;
}

function location(value: unknown): Json | null {
  if (!isObject(value)) return null;
  return { city: value.city ?? null, state: value.state ?? null, country: value.country ?? null };
}

/**
 * A Duo record as a canonical-shaped object. Time: `isotimestamp`, else `timestamp` in seconds.
 * Duo carries no tenant, geo point, IP reputation or application type: those stay null. Duo's own
 * risk verdicts become the `risk.*` fields (see duo-risk.ts).
 */
export function fromDuo(value: Json, customer: string | undefined): Json {
  const access = isObject(value.access_device) ? value.access_device : {};
  const auth = isObject(value.auth_device) ? value.auth_device : null;
  const user = isObject(value.user) ? value.user : {};
  const application = isObject(value.application) ? value.application : {};
  const seconds = typeof value.timestamp === 'number' ? value.timestamp : Number(value.timestamp);
  return {
    txid: value.txid,
    customer_id: value.customer_id ?? customer,
    ts:
      typeof value.isotimestamp === 'string' && value.isotimestamp
        ? value.isotimestamp
        : Number.isFinite(seconds)
          ? seconds * 1000
          : undefined,
    event_type: value.event_type,
    result: value.result,
    reason: value.reason,
    factor: value.factor,
    user: { name: user.name, key: user.key, groups: user.groups },
    email: value.email,
    alias: value.alias,
    application: {
      name: application.name,
      key: application.key,
      destination_name: application.destination_name,
    },
    access_device: {
      ip: access.ip,
      location: location(access.location),
      browser: access.browser,
      browser_version: access.browser_version,
      os: access.os,
      os_version: access.os_version,
      hostname: access.hostname,
      is_encryption_enabled: access.is_encryption_enabled,
      is_firewall_enabled: access.is_firewall_enabled,
      is_password_set: access.is_password_set,
    },
    auth_device: auth ? { name: auth.name, ip: auth.ip, location: location(auth.location) } : null,
    trusted_endpoint_status: value.trusted_endpoint_status,
    risk: duoRisk(value),
  };
}
