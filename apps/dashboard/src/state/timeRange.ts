import { canonicalTimeZone } from '@sightline/schema/reports';

/** The relative ranges the time picker offers; the API accepts exactly these as `{ last }`. */
export const TIME_PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type TimePreset = (typeof TIME_PRESETS)[number];

/** Either a sliding window ending now, or a fixed window (ISO 8601 instants, from < to). */
export type TimeSelection = { last: TimePreset } | { from: string; to: string };

export const DEFAULT_TIME: TimeSelection = { last: '24h' };

export const PRESET_LABELS: Record<TimePreset, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

const PRESET_MS: Record<TimePreset, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export function isTimePreset(value: string): value is TimePreset {
  return (TIME_PRESETS as readonly string[]).includes(value);
}

/** The concrete window a selection covers at `now`, for labels and for seeding the custom picker. */
export function resolveTime(time: TimeSelection, now = Date.now()): { from: Date; to: Date } {
  if ('last' in time) return { from: new Date(now - PRESET_MS[time.last]), to: new Date(now) };
  return { from: new Date(time.from), to: new Date(time.to) };
}

/** Parses an ISO 8601 instant strictly enough that garbage in a URL is refused, not guessed at. */
export function parseInstant(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A fixed window, normalised to UTC ISO strings; undefined when the bounds are unusable. */
export function fixedRange(from: Date, to: Date): TimeSelection | undefined {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) return undefined;
  return { from: from.toISOString(), to: to.toISOString() };
}

/** A zone the API accepts: the API's own check, so a link never names a zone its reports refuse. */
export function isValidTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  if (!zone || zone.length > 64) return false;
  return canonicalTimeZone(zone) !== null;
}

/** The viewer's zone, used when a link does not name one. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}
