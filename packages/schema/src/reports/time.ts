import { MAX_RELATIVE_DAYS } from './limits';

const MINUTE = 60_000;
const UNIT_MS = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE, w: 7 * 24 * 60 * MINUTE } as const;

/** `15m`, `1h`, `24h`, `7d`, `30d`, `2w`: a count and a unit (minutes, hours, days, weeks). */
export const RELATIVE_PATTERN = /^([1-9]\d{0,5})([mhdw])$/;

/** Milliseconds of a relative span, or null when it is not one. */
export function relativeSpanMs(last: string): number | null {
  const match = RELATIVE_PATTERN.exec(last);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms <= MAX_RELATIVE_DAYS * UNIT_MS.d ? ms : null;
}

/**
 * Names this runtime's time zone database (ICU) knows but the one bundled with Elasticsearch 8.19
 * (Java's) does not yet: it refuses them, failing the whole search.
 */
const UNKNOWN_TO_ELASTICSEARCH = new Set(['America/Coyhaique']);

/**
 * Zones the IANA database renamed while ICU (and so Intl) keeps CLDR's older stable names for them:
 * Intl resolves 'Asia/Kolkata' to 'Asia/Calcutta'. Responses name the IANA zone, which Elasticsearch
 * reads as well. Only renames: zones tzdata merged into another country's zone keep their own name.
 */
const IANA_NAME: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The canonical IANA name of a time zone, or null when there is none Elasticsearch can use. Intl accepts
 * names Elasticsearch refuses ('utc', 'EST', 'ROC', 'US/Eastern'…); their canonical forms ('UTC',
 * 'America/Panama', 'Asia/Taipei', 'America/New_York') are what Java's ZoneId reads.
 */
export function canonicalTimeZone(zone: string): string | null {
  // Building a DateTimeFormat costs ~0.1 ms and every request validates its zone; the answer for a
  // given name never changes, so remember it, up to a bound so that made-up names cannot grow the map without limit.
  const known = canonicalZones.get(zone);
  if (known !== undefined) return known;
  let canonical: string | null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    canonical = IANA_NAME[resolved] ?? resolved;
    if (UNKNOWN_TO_ELASTICSEARCH.has(canonical)) canonical = null;
  } catch {
    canonical = null;
  }
  if (canonicalZones.size < MAX_REMEMBERED_ZONES) canonicalZones.set(zone, canonical);
  return canonical;
}

const MAX_REMEMBERED_ZONES = 1024;
const canonicalZones = new Map<string, string | null>();

/** A concrete half-open window [from, to) in epoch milliseconds. */
export interface ResolvedRange {
  from: number;
  to: number;
  timeZone: string;
}

export type TimeRangeInput =
  { from: string; to: string; timeZone?: string } | { last: string; timeZone?: string };

/**
 * Turns a definition's time range into epoch bounds. Relative ranges end at `now` rounded UP to the
 * minute, so every request within the same minute is byte-identical and Elasticsearch's request
 * cache answers the repeats.
 */
export function resolveRange(range: TimeRangeInput, now: Date): ResolvedRange {
  const timeZone = range.timeZone ?? 'UTC';
  if ('last' in range) {
    const span = relativeSpanMs(range.last);
    if (span === null) throw new RangeError(`invalid relative range '${range.last}'`);
    const to = Math.ceil(now.getTime() / MINUTE) * MINUTE;
    return { from: to - span, to, timeZone };
  }
  return { from: Date.parse(range.from), to: Date.parse(range.to), timeZone };
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
