import { describe, expect, it } from 'vitest';
import type { Fingerprint } from '../versions/fingerprint';
import type { VersionListing } from '../versions/listing';
import { SWITCH_THRESHOLDS } from '../versions/thresholds';
import { periodHealth, periodsOf } from './versions';

const fingerprint = (rows: number, fr: number): Fingerprint => ({
  rows,
  byResult: { success: rows },
  byCountry: { DE: rows - fr, ...(fr ? { FR: fr } : {}) },
  nullRates: { user: 0, application: 0, country: 0 },
  distinctUsers: 5,
  countryEntropy: fr ? 1 : 0,
  applicationEntropy: 0,
  qualityRates: {},
});
const listing = (version: string, inUse: boolean, f: Fingerprint | null): VersionListing => ({
  period: '2026.01',
  version,
  revision: Number(version.at(-1)),
  inUse,
  state: f ? 'built' : 'retired',
  created: null,
  fingerprint: f,
});

describe('the versions panel', () => {
  it('names the months a range touches, its end exclusive', () => {
    expect(
      periodsOf({ from: new Date('2026-01-20T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') }),
    ).toEqual(['2026.01', '2026.02']);
    expect(
      periodsOf({ from: new Date('2026-02-03T00:00:00Z'), to: new Date('2026-02-04T00:00:00Z') }),
    ).toEqual(['2026.02']);
  });

  it("compares each version with the one in use by the switch's comparison, marking what it would refuse", () => {
    const health = periodHealth(
      '2026.01',
      [
        listing('v0', true, fingerprint(100, 50)),
        listing('v1', false, fingerprint(50, 0)),
        listing('v2', false, fingerprint(100, 50)),
        listing('v3', false, null),
      ],
      {
        at: '2026-01-20T00:00:00Z',
        period: '2026.01',
        kind: 'switch',
        outcome: 'switched',
        from: 'vx',
        to: 'v0',
        forced: true,
        reason: 'late fix',
        differences: [],
      },
    );
    expect(health.inUse).toBe('v0');
    expect(health.lastSwitch).toEqual({
      at: '2026-01-20T00:00:00.000Z',
      kind: 'switch',
      from: 'vx',
      to: 'v0',
      forced: true,
      reason: 'late fix',
    });
    const [inUse, lost, same, retired] = health.versions;
    expect(inUse).toMatchObject({ differences: null, refused: false });
    expect(lost!.refused).toBe(true);
    expect(lost!.differences!.find((d) => d.measure === 'rows')).toMatchObject({
      inUse: 100,
      candidate: 50,
      refuses: true,
    });
    expect(lost!.differences!.find((d) => d.measure === 'rows')!.text).toContain(
      `±${(SWITCH_THRESHOLDS.rowCountRelative * 100).toFixed(2)}%`,
    );
    expect(same).toMatchObject({ differences: [], refused: false });
    expect(retired).toMatchObject({ fingerprint: null, differences: null, refused: false });
  });
});
