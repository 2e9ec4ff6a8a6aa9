import { utcDay, utcHour, utcMinute, utcMonday, utcMonth, utcYear } from 'd3-time';
import type { CountableTimeInterval } from 'd3-time';
import { fromWallClock, toWallClock } from './timeZone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Candidate tick intervals, finest first, with their approximate length. */
const ladder: [CountableTimeInterval, number, number][] = [
  [utcMinute, 1, MINUTE],
  [utcMinute, 5, 5 * MINUTE],
  [utcMinute, 15, 15 * MINUTE],
  [utcMinute, 30, 30 * MINUTE],
  [utcHour, 1, HOUR],
  [utcHour, 3, 3 * HOUR],
  [utcHour, 6, 6 * HOUR],
  [utcHour, 12, 12 * HOUR],
  [utcDay, 1, DAY],
  [utcDay, 2, 2 * DAY],
  [utcMonday, 1, 7 * DAY],
  [utcMonth, 1, 30 * DAY],
  [utcMonth, 3, 91 * DAY],
  [utcYear, 1, 365 * DAY],
];

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formats.set(key, format);
  }
  return format;
}

export interface TimeTicks {
  /** Tick instants (epoch ms), aligned to the wall clock of the time zone. */
  ticks: number[];
  /** Label for a tick: time of day, or the date at day boundaries, month at month boundaries… */
  format: (t: number) => string;
}

/**
 * About `count` ticks over [start, end], on round wall-clock times in `timeZone` (midnight, whole
 * hours, Mondays, first of the month), labelled with Intl.DateTimeFormat in that zone. Offsets that
 * are not whole hours (Asia/Kolkata) and DST changes keep ticks on the local hour.
 */
export function timeTicks(
  start: number,
  end: number,
  count: number,
  timeZone = 'UTC',
  locale = 'en-US',
): TimeTicks {
  const span = Math.max(0, end - start);
  const target = span / Math.max(1, count);
  const [interval, step] = ladder.find(([, , length]) => length >= target) ?? ladder[ladder.length - 1]!;
  const every = interval.every(step) ?? interval;
  const wallStart = toWallClock(start, timeZone);
  const wallEnd = toWallClock(end, timeZone);
  const ticks =
    span === 0
      ? [start]
      : every.range(new Date(wallStart), new Date(wallEnd + 1)).map((d) => fromWallClock(+d, timeZone));

  const time = dateFormat(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = dateFormat(locale, timeZone, { month: 'short', day: 'numeric' });
  const month = dateFormat(locale, timeZone, { month: 'short' });
  const year = dateFormat(locale, timeZone, { year: 'numeric' });
  const format = (t: number) => {
    const wall = new Date(toWallClock(t, timeZone));
    const midnight = wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0;
    if (!midnight) return time.format(t);
    if (wall.getUTCDate() !== 1) return day.format(t);
    return wall.getUTCMonth() === 0 ? year.format(t) : month.format(t);
  };
  return { ticks, format };
}

/**
 * Long form of an instant for tooltips and the data table, with its zone, e.g. "Mar 3, 2025, 14:00 UTC":
 * the month by name, so no reader takes the day for the month.
 */
export function formatInstant(t: number, timeZone = 'UTC', locale = 'en-US'): string {
  return dateFormat(locale, timeZone, INSTANT_FORMAT).format(t);
}

/** The parts of {@link formatInstant}, for an app that formats its own times to match the charts. */
export const INSTANT_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};
