import { describe, expect, it } from 'vitest';
import { compareFingerprints } from './diff';
import type { Fingerprint } from './fingerprint';
import { SWITCH_THRESHOLDS } from './thresholds';

const base: Fingerprint = {
  rows: 10_000,
  byResult: { success: 8000, denied: 2000 },
  byCountry: { DE: 4000, US: 4000, FR: 1000 },
  nullRates: { user: 0, application: 0, country: 0.1 },
  distinctUsers: 300,
  countryEntropy: 1.5,
  applicationEntropy: 2,
  qualityRates: { country_unknown: 0.1 },
};

const refusing = (a: Fingerprint, b: Fingerprint) =>
  compareFingerprints(a, b)
    .filter((d) => d.refuses)
    .map((d) => d.measure);

describe('compareFingerprints', () => {
  it('finds nothing between equal fingerprints', () => {
    expect(compareFingerprints(base, structuredClone(base))).toEqual([]);
  });

  it('holds the row count to ±0.5%: 0.5% passes, just past it refuses', () => {
    expect(refusing(base, { ...base, rows: 10_050 })).toEqual([]);
    expect(refusing(base, { ...base, rows: 9_950 })).toEqual([]);
    expect(refusing(base, { ...base, rows: 10_051 })).toEqual(['rows']);
    const [row] = compareFingerprints(base, { ...base, rows: 9_000 });
    expect(row!.text).toBe('rows: 10000 in use, 9000 new (-10.00%; limit ±0.50%)');
  });

  it("refuses a result's share moving beyond 2 points and names the result", () => {
    const shifted = { ...base, byResult: { success: 7700, denied: 2300 } };
    expect(refusing(base, shifted)).toEqual(['result share: denied', 'result share: success']);
    const slight = { ...base, byResult: { success: 7850, denied: 2150 } };
    expect(refusing(base, slight)).toEqual([]);
    const added = { ...base, byResult: { success: 7700, denied: 2000, fraud: 300 } };
    expect(refusing(base, added)).toContain('result share: fraud');
  });

  it('holds country entropy to ±5%', () => {
    expect(refusing(base, { ...base, countryEntropy: 1.57 })).toEqual([]);
    expect(refusing(base, { ...base, countryEntropy: 1.4 })).toEqual(['country entropy']);
    const from0 = compareFingerprints({ ...base, countryEntropy: 0 }, base);
    expect(from0.find((d) => d.measure === 'country entropy')!.refuses).toBe(true);
  });

  it('refuses more empty values but lets a filled dimension through', () => {
    expect(refusing(base, { ...base, nullRates: { ...base.nullRates, country: 0 } })).toEqual([]);
    expect(refusing(base, { ...base, nullRates: { ...base.nullRates, user: 0.03 } })).toEqual([
      'empty rate: user',
    ]);
  });

  it('shows per-country counts, distinct users, application entropy and flag rates without refusing', () => {
    const changed: Fingerprint = {
      ...base,
      byCountry: { ...base.byCountry, XK: 10 },
      distinctUsers: 290,
      applicationEntropy: 1,
      qualityRates: {},
    };
    const differences = compareFingerprints(base, changed);
    expect(differences.map((d) => d.measure)).toEqual([
      'country: XK',
      'distinct users',
      'application entropy',
      'quality flag: country_unknown',
    ]);
    expect(differences.every((d) => !d.refuses)).toBe(true);
  });

  it('reads its limits from the thresholds given', () => {
    const strict = { ...SWITCH_THRESHOLDS, rowCountRelative: 0.0001 };
    expect(compareFingerprints(base, { ...base, rows: 10_002 }, strict)[0]!.refuses).toBe(true);
  });
});
