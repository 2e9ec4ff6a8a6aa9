import { describe, expect, it } from 'vitest';
import { isTimeZone } from './time';

describe('isTimeZone', () => {
  it('accepts IANA zones and rejects made-up ones, the same way every time it is asked', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(isTimeZone('Europe/Berlin')).toBe(true);
      expect(isTimeZone('UTC')).toBe(true);
      expect(isTimeZone('Mars/Olympus')).toBe(false);
      expect(isTimeZone('')).toBe(false);
    }
  });

  it('keeps answering correctly after many distinct unknown names', () => {
    for (let i = 0; i < 2000; i += 1) expect(isTimeZone(`Nowhere/Zone${i}`)).toBe(false);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Nowhere/Zone1999')).toBe(false);
  });
});
