import { fromWallClock, wallClockAt } from '@sightline/schema';
import { instantFormat } from './dateFormat';

/**
 * Conversions between instants and wall-clock times in a named zone, for the custom range inputs
 * (`<input type="datetime-local">` has no zone; the dashboard's zone is the user's choice, not the browser's).
 */

/** `YYYY-MM-DDTHH:mm` as a wall clock in `zone` shows at that instant. */
export function toZonedInput(date: Date, zone: string): string {
  const p = wallClockAt(date.getTime(), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a `YYYY-MM-DDTHH:mm` wall-clock time in `zone` denotes; undefined when malformed. */
export function fromZonedInput(value: string, zone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const instant = fromWallClock(Date.UTC(year, month - 1, day, hour, minute), zone);
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** An instant in the chosen zone, in the page's one date format (see instantFormat). */
export function formatInstant(date: Date, zone: string): string {
  return instantFormat(zone).format(date);
}
