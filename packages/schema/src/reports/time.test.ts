import { describe, expect, it } from 'vitest';
import { canonicalTimeZone } from './time';

describe('canonicalTimeZone', () => {
  it('accepts IANA zones and rejects made-up ones, the same way every time it is asked', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
      expect(canonicalTimeZone('UTC')).toBe('UTC');
      expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
      expect(canonicalTimeZone('')).toBeNull();
    }
  });

  it('keeps answering correctly after many distinct unknown names', () => {
    for (let i = 0; i < 2000; i += 1) expect(canonicalTimeZone(`Nowhere/Zone${i}`)).toBeNull();
    expect(canonicalTimeZone('America/New_York')).toBe('America/New_York');
    expect(canonicalTimeZone('Nowhere/Zone1999')).toBeNull();
  });

  it('names the zone Elasticsearch reads for aliases it would refuse (any case, legacy names)', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('US/Eastern')).toBe('America/New_York');
    expect(canonicalTimeZone('ROC')).toBe('Asia/Taipei');
    // EST is a fixed UTC-5 with no daylight saving time; tzdata now links it to Panama, which is exactly that.
    expect(canonicalTimeZone('EST')).toBe('America/Panama');
  });

  it('names the canonical IANA zone where ICU keeps an older name (Asia/Kolkata, not Asia/Calcutta)', () => {
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('asia/kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(canonicalTimeZone('America/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    // Zones merged into another country's keep their own name: Bratislava is not Prague to its users.
    expect(canonicalTimeZone('Europe/Bratislava')).toBe('Europe/Bratislava');
  });

  it('refuses zones newer than the time zone database Elasticsearch bundles', () => {
    expect(canonicalTimeZone('America/Coyhaique')).toBeNull();
  });
});
