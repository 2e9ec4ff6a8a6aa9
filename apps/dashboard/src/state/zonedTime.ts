import { instantFormat } from './dateFormat';

/**
 * Conversions between instants and wall-clock times in a named zone, for the custom range inputs
 * (`<input type="datetime-local">` has no zone; the dashboard's zone is the user's choice, not the browser's).
 */

function wallClockParts(date: Date, zone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function zoneOffsetMs(date: Date, zone: string): number {
  const p = wallClockParts(date, zone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:mm` as a wall clock in `zone` shows at that instant. */
export function toZonedInput(date: Date, zone: string): string {
  const p = wallClockParts(date, zone);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a `YYYY-MM-DDTHH:mm` wall-clock time in `zone` denotes; undefined when malformed. */
export function fromZonedInput(value: string, zone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset on the right side of a DST change.
  let instant = wall - zoneOffsetMs(new Date(wall), zone);
  instant = wall - zoneOffsetMs(new Date(instant), zone);
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** An instant in the chosen zone, in the page's one date format (see instantFormat). */
export function formatInstant(date: Date, zone: string): string {
  return instantFormat(zone).format(date);
}
