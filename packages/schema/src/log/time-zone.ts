/**
 * Time-zone arithmetic, stated once for the server (which summarised hours a zone's buckets may
 * use), the charts (ticks on a zone's midnights) and the dashboard (its range inputs, in the zone the
 * user chose rather than the browser's). Intl is the only source of offsets: it carries the IANA
 * database, so the browser and the server agree on every DST change.
 */

const MAX_REMEMBERED_ZONES = 1024;
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // Zones come from users: remember a bounded number of them.
    if (wallClockFormats.size < MAX_REMEMBERED_ZONES) wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `timeZone` at instant `t`: year, month (1-12), day, hour, minute, second. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClockAt(t: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(t))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `timeZone` from UTC at instant `t`, in ms (positive east of Greenwich). */
export function zoneOffset(t: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const w = wallClockAt(t, timeZone);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // The wall clock has whole seconds: compare it with the instant floored to its second.
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

/** The zone's wall-clock time at `t`, expressed as if it were UTC ("fake UTC"), so UTC calendar maths applies. */
export function toWallClock(t: number, timeZone: string): number {
  return t + zoneOffset(t, timeZone);
}

/**
 * Inverse of {@link toWallClock}; two passes settle the offset on the right side of a DST change.
 * A wall-clock time shown twice (the hour clocks go back) is its first instant; one never shown (the
 * hour clocks skip going forward, or a midnight some zones skip) is the instant the clock before the
 * change would give, after the gap, as Temporal's "compatible" disambiguation does.
 */
export function fromWallClock(wall: number, timeZone: string): number {
  const guess = wall - zoneOffset(wall, timeZone);
  const instant = wall - zoneOffset(guess, timeZone);
  return toWallClock(instant, timeZone) === wall ? instant : Math.max(instant, guess);
}
