import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from './zonedTime';

describe('zoned wall-clock conversion', () => {
  it('reads a wall-clock time in the chosen zone, not the browser zone', () => {
    expect(fromZonedInput('2026-07-01T12:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-07-01T10:00:00.000Z',
    );
    expect(fromZonedInput('2026-01-01T12:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-01-01T11:00:00.000Z',
    );
    expect(fromZonedInput('2026-01-01T12:00', 'America/New_York')?.toISOString()).toBe(
      '2026-01-01T17:00:00.000Z',
    );
    expect(fromZonedInput('2026-01-01T12:00', 'UTC')?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
  });

  it('handles the hours around a daylight-saving change', () => {
    // Berlin moves from +01:00 to +02:00 at 2026-03-29T01:00Z.
    expect(fromZonedInput('2026-03-29T01:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(fromZonedInput('2026-03-29T03:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('round-trips an instant through the input format', () => {
    for (const zone of ['UTC', 'Asia/Kolkata', 'America/Los_Angeles', 'Australia/Lord_Howe']) {
      const instant = new Date('2026-10-04T15:45:00Z');
      expect(fromZonedInput(toZonedInput(instant, zone), zone)?.toISOString()).toBe(instant.toISOString());
    }
  });

  it('refuses malformed input', () => {
    expect(fromZonedInput('2026-01-01', 'UTC')).toBeUndefined();
    expect(fromZonedInput('yesterday', 'UTC')).toBeUndefined();
  });
});
