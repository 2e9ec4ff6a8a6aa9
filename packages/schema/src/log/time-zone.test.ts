import { describe, expect, it } from 'vitest';
import { fromWallClock, toWallClock, wallClockAt, zoneOffset } from './time-zone';

const at = (iso: string) => Date.parse(iso);

describe('zoneOffset', () => {
  it('follows DST and non-hour offsets', () => {
    expect(zoneOffset(at('2025-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * 3600e3);
    expect(zoneOffset(at('2025-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3600e3);
    expect(zoneOffset(at('2025-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3600e3);
    expect(zoneOffset(at('2025-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(5.75 * 3600e3);
    expect(zoneOffset(at('2025-07-15T12:00:00.250Z'), 'UTC')).toBe(0);
    expect(zoneOffset(at('2025-07-15T12:00:00.250Z'), 'Europe/Paris')).toBe(2 * 3600e3);
  });
});

describe('wall clocks', () => {
  it('reads the wall clock of a zone, midnight as hour 0', () => {
    expect(wallClockAt(at('2025-03-09T05:00:00Z'), 'America/New_York')).toEqual({
      year: 2025,
      month: 3,
      day: 9,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });

  it('round-trips wall-clock time, on both sides of a DST change', () => {
    for (const iso of ['2025-03-09T12:34:00Z', '2025-03-09T06:59:59Z', '2025-11-02T05:30:00Z'])
      expect(fromWallClock(toWallClock(at(iso), 'America/New_York'), 'America/New_York'), iso).toBe(at(iso));
  });

  it('gives a wall-clock time shown twice its first instant', () => {
    // 01:30 comes twice in New York on 2 November 2025: first in EDT (05:30Z), then in EST.
    const instant = fromWallClock(Date.UTC(2025, 10, 2, 1, 30), 'America/New_York');
    expect(new Date(instant).toISOString()).toBe('2025-11-02T05:30:00.000Z');
  });

  it('puts a wall-clock time that a spring-forward skips after the gap', () => {
    // 02:30 does not exist in New York on 9 March 2025: clocks go from 02:00 to 03:00 (07:00Z).
    const instant = fromWallClock(Date.UTC(2025, 2, 9, 2, 30), 'America/New_York');
    expect(new Date(instant).toISOString()).toBe('2025-03-09T07:30:00.000Z');
  });

  it('puts a midnight that a zone skips at the start of that day', () => {
    // Santiago moved its clocks from 00:00 to 01:00 on 7 September 2025: the day starts at 01:00 (04:00Z).
    const instant = fromWallClock(Date.UTC(2025, 8, 7), 'America/Santiago');
    expect(new Date(instant).toISOString()).toBe('2025-09-07T04:00:00.000Z');
  });
});
