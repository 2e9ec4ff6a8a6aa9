import {
  authLogFields,
  CUSTOMER_ID_RULE,
  EVENT_TYPES,
  fieldNames,
  isCustomerId,
  QUALITY_FLAGS,
  RESULTS,
  type AuthLogRecord,
  type FieldKind,
  type QualityFlag,
} from '@sightline/schema';
import { ContentDigest, UNHASHED_FIELDS } from './content-hash';
import { cityGeo, countryCodeFor, isCountryCode } from './countries';
import { fromDuo, isDuoRecord } from './duo';
import { parseIp } from './ip';

export type RejectReason =
  'not_json' | 'not_an_object' | 'no_txid' | 'no_time' | 'no_tenant' | 'bad_tenant' | 'tenant_mismatch';

export type Normalised =
  { ok: true; record: AuthLogRecord; flagged: boolean } | { ok: false; reason: RejectReason; detail: string };

export interface NormaliseContext {
  /** Tenant for records that carry none (Duo exports); a record naming another tenant is rejected. */
  customer?: string | undefined;
  /** Ingest time (ISO), stamped on every record. */
  ingestedAt: string;
  /** Records more than this far ahead of ingest time are flagged `ts_in_future`. */
  futureToleranceMs?: number;
}

type Json = Record<string, unknown>;
const DAY_MS = 86_400_000;
const MAX_ID_BYTES = 512;
const known = {
  result: new Set<string>(RESULTS),
  event_type: new Set<string>(EVENT_TYPES),
  quality: new Set<string>(QUALITY_FLAGS),
};

/** Every schema field with its path split once, so the per-record loop does no string work. */
const LEAVES = fieldNames.map((name) => ({
  name,
  parts: name.split('.'),
  kind: authLogFields[name].kind,
  hashed: !UNHASHED_FIELDS.has(name),
}));

function read(source: Json, parts: readonly string[]): unknown {
  let value: unknown = source;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Json)[part];
  }
  return value;
}

function write(target: Json, parts: readonly string[], value: unknown): void {
  let node = target;
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) {
    const part = parts[i]!;
    let next = node[part] as Json | undefined;
    if (next === undefined) {
      next = {};
      node[part] = next;
    }
    node = next;
  }
  node[parts[last]!] = value;
}

function keyword(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function keywords(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map(keyword).filter((v): v is string => v !== null);
  const single = keyword(value);
  return single === null ? null : [single];
}

function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

function tristate(value: unknown): boolean | 'unknown' | null {
  if (value === null || value === undefined) return null;
  const b = bool(value);
  return b ?? 'unknown';
}

function long(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

/** A geo point from {lat, lon}, [lon, lat] or "lat,lon"; `inRange` false keeps the raw value for evidence. */
function geo(value: unknown): { point: unknown; inRange: boolean } | null {
  let lat: unknown;
  let lon: unknown;
  if (Array.isArray(value)) [lon, lat] = value;
  else if (typeof value === 'string') [lat, lon] = value.split(',').map(Number);
  else if (value !== null && typeof value === 'object') ({ lat, lon } = value as Json);
  else return null;
  if (typeof lat !== 'number' || typeof lon !== 'number' || Number.isNaN(lat) || Number.isNaN(lon)) {
    return { point: value, inRange: false };
  }
  const inRange = lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  return { point: inRange ? { lat, lon } : value, inRange };
}

function time(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const convert: Record<Exclude<FieldKind, 'date' | 'ip' | 'geo_point'>, (v: unknown) => unknown> = {
  keyword,
  'keyword[]': keywords,
  long,
  boolean: bool,
  tristate,
};

/** Fills a location's country code from its name, and its geo point from a known city. */
function locate(record: Json, prefix: 'access_device' | 'auth_device', flags: Set<QualityFlag>): void {
  const location = read(record, [prefix, 'location']) as Json | null | undefined;
  if (!location) return;
  const country = location.country as string | null;
  let code = location.country_code as string | null;
  if (code !== null) {
    // An alpha-3 code ("KAZ") is read as its alpha-2; anything else unknown is kept raw.
    code = isCountryCode(code.toUpperCase())
      ? code.toUpperCase()
      : (countryCodeFor(code) ?? code.toUpperCase());
    location.country_code = code;
    if (!isCountryCode(code)) flags.add('country_unknown');
  } else if (country !== null) {
    code = countryCodeFor(country);
    location.country_code = code;
    if (code === null) flags.add('country_unknown');
  }
  const city = location.city as string | null;
  if (location.geo === null && city !== null && code !== null) location.geo = cityGeo(city, code);
}

/**
 * Turns one parsed input value (canonical or Duo v2) into a stored record, or says why it is unusable.
 * Values that are present but wrong are kept raw and flagged in `quality`.
 */
export function normalise(input: unknown, context: NormaliseContext): Normalised {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, reason: 'not_an_object', detail: 'the line is JSON but not an object' };
  }
  const source: Json = isDuoRecord(input as Json)
    ? fromDuo(input as Json, context.customer)
    : (input as Json);

  const txid = keyword(source.txid);
  if (txid === null) return { ok: false, reason: 'no_txid', detail: 'txid is missing or empty' };
  if (Buffer.byteLength(txid) > MAX_ID_BYTES) {
    return { ok: false, reason: 'no_txid', detail: `txid is longer than ${MAX_ID_BYTES} bytes` };
  }
  const ms = time(source.ts);
  if (ms === null || Number.isNaN(new Date(ms).getTime())) {
    return {
      ok: false,
      reason: 'no_time',
      detail: `no parseable time in ${JSON.stringify(source.ts ?? null)}`,
    };
  }
  const recordCustomer = keyword(source.customer_id);
  const customer = recordCustomer ?? context.customer ?? null;
  if (customer === null) {
    return {
      ok: false,
      reason: 'no_tenant',
      detail: 'no customer_id: Duo records carry no tenant, pass --customer <id>',
    };
  }
  // Stored under an id the API refuses, the record could never be read back.
  if (!isCustomerId(customer)) {
    return {
      ok: false,
      reason: 'bad_tenant',
      detail: `customer_id ${JSON.stringify(customer.slice(0, 100))} is not a customer id (${CUSTOMER_ID_RULE})`,
    };
  }
  if (context.customer !== undefined && recordCustomer !== null && recordCustomer !== context.customer) {
    return {
      ok: false,
      reason: 'tenant_mismatch',
      detail: `customer_id "${recordCustomer}" is not --customer "${context.customer}"`,
    };
  }

  const flags = new Set<QualityFlag>();
  const out: Json = {};
  const digest = new ContentDigest();
  for (const leaf of LEAVES) {
    const raw = read(source, leaf.parts);
    if (leaf.hashed) digest.add(leaf.name, raw);
    let value: unknown;
    switch (leaf.kind) {
      case 'date':
        value = null;
        break;
      case 'ip': {
        const text = keyword(raw);
        if (text === null) {
          value = null;
          break;
        }
        const ip = parseIp(text);
        if (ip.withPort) flags.add('ip_with_port');
        if (ip.malformed) flags.add(leaf.parts[0] === 'auth_device' ? 'auth_ip_malformed' : 'ip_malformed');
        value = ip.value;
        break;
      }
      case 'geo_point': {
        const point = geo(raw);
        if (point && !point.inRange) flags.add('geo_out_of_range');
        value = point ? point.point : null;
        break;
      }
      default:
        value = convert[leaf.kind](raw);
    }
    write(out, leaf.parts, value);
  }

  out.txid = txid;
  out.customer_id = customer;
  out.ts = new Date(ms).toISOString();
  out.ingested_at = context.ingestedAt;
  out.content_hash = digest.digest(txid, customer, out.ts as string);
  if (ms > Date.parse(context.ingestedAt) + (context.futureToleranceMs ?? DAY_MS)) flags.add('ts_in_future');

  const result = keyword(source.result) ?? '';
  out.result = known.result.has(result.toLowerCase()) ? result.toLowerCase() : result;
  if (!known.result.has(out.result as string)) flags.add('result_unknown');
  const eventType = keyword(source.event_type) ?? 'authentication';
  out.event_type = known.event_type.has(eventType.toLowerCase()) ? eventType.toLowerCase() : eventType;
  if (!known.event_type.has(out.event_type as string)) flags.add('event_type_unknown');
  if (typeof out.email === 'string' && out.email.toLowerCase() === 'unknown') flags.add('email_unknown');
  locate(out, 'access_device', flags);
  locate(out, 'auth_device', flags);

  // Flags set upstream (e.g. a re-ingested export) survive; a port already stripped cannot be seen again.
  for (const flag of (out.quality as string[] | null) ?? []) {
    if (known.quality.has(flag)) flags.add(flag as QualityFlag);
  }
  out.quality = [...flags].sort();
  return { ok: true, record: out as unknown as AuthLogRecord, flagged: flags.size > 0 };
}
