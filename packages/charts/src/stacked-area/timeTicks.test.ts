import { timeTicks, formatInstant } from './timeTicks';

const at = (iso: string) => Date.parse(iso);

describe('timeTicks', () => {
  it('puts hourly ticks on the hour in UTC', () => {
    const { ticks, format } = timeTicks(at('2025-03-03T00:00:00Z'), at('2025-03-03T12:00:00Z'), 6);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
    ]);
    expect(ticks.map(format)).toEqual(['Mar 3', '03:00', '06:00', '09:00', '12:00']);
  });

  it('aligns ticks to local hours in a half-hour zone', () => {
    const { ticks, format } = timeTicks(
      at('2025-03-03T00:00:00Z'),
      at('2025-03-03T06:00:00Z'),
      6,
      'Asia/Kolkata',
    );
    // The range starts at 05:30 local; the first whole local hour, 06:00, is 00:30 UTC.
    expect(new Date(ticks[0]!).toISOString()).toBe('2025-03-03T00:30:00.000Z');
    expect(format(ticks[0]!)).toBe('06:00');
  });

  it('keeps daily ticks on local midnight across a DST change', () => {
    const { ticks, format } = timeTicks(
      at('2025-03-07T05:00:00Z'),
      at('2025-03-12T05:00:00Z'),
      5,
      'America/New_York',
    );
    expect(ticks.map(format)).toEqual(['Mar 7', 'Mar 8', 'Mar 9', 'Mar 10', 'Mar 11', 'Mar 12']);
    // Midnight EST is 05:00Z, midnight EDT (from 9 March) is 04:00Z.
    expect(new Date(ticks[0]!).toISOString()).toBe('2025-03-07T05:00:00.000Z');
    expect(new Date(ticks[3]!).toISOString()).toBe('2025-03-10T04:00:00.000Z');
  });

  it('labels month and year boundaries', () => {
    const { ticks, format } = timeTicks(at('2024-11-01T00:00:00Z'), at('2025-03-01T00:00:00Z'), 4);
    expect(ticks.map(format)).toEqual(['Nov', 'Dec', '2025', 'Feb', 'Mar']);
  });

  it('formats instants in the zone', () => {
    expect(formatInstant(at('2025-03-03T14:00:00Z'), 'Europe/Berlin')).toBe('Mar 3, 2025, 15:00 GMT+1');
  });
});
