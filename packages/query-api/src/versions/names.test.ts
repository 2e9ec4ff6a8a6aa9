import { describe, expect, it } from 'vitest';
import { indexForTimestamp } from '../store/mapping';
import {
  isMonthStart,
  originalVersion,
  parsePeriod,
  parseVersion,
  periodOf,
  periodRange,
  periodsBetween,
  rebuildVersion,
  targetFields,
  writeAliasForTimestamp,
} from './names';

describe('version names', () => {
  it("names a month's original version as the live monthly index, and rebuilds apart from the template's pattern", () => {
    expect(originalVersion('2026.11')).toBe(indexForTimestamp('2026-11-15T00:00:00Z'));
    expect(rebuildVersion('2026.11', 3)).toBe('sightline-authlog-v1.r3-2026.11');
    expect(rebuildVersion('2026.11', 3)).not.toMatch(/^sightline-authlog-v1-/);
  });

  it('reads a version back from its name and refuses anything else', () => {
    expect(parseVersion('sightline-authlog-v1.r12-2026.11')).toEqual({
      index: 'sightline-authlog-v1.r12-2026.11',
      period: '2026.11',
      mappingVersion: 1,
      revision: 12,
    });
    expect(parseVersion('sightline-authlog-v1-2026.11')?.revision).toBe(0);
    expect(parseVersion('sightline-authlog-write-2026.11')).toBeNull();
    expect(parseVersion('sightline-authlog-v1-2026.13')).toBeNull();
    expect(parseVersion('sightline-loadlog')).toBeNull();
  });

  it('reads periods and their ranges, month by month', () => {
    expect(parsePeriod('2026-11')).toBe('2026.11');
    expect(parsePeriod('2026.1')).toBeNull();
    expect(parsePeriod('2026.00')).toBeNull();
    expect(periodOf('2026-12-31T23:59:59.999Z')).toBe('2026.12');
    expect(periodRange('2026.12')).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
    expect(periodsBetween(new Date('2026-11-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z'))).toEqual([
      '2026.11',
      '2026.12',
      '2027.01',
    ]);
    expect(isMonthStart(new Date('2026-11-01T00:00:00Z'))).toBe(true);
    expect(isMonthStart(new Date('2026-11-01T00:00:01Z'))).toBe(false);
  });

  it('requires the write alias to exist in bulk actions, and nothing of named indices', () => {
    const alias = writeAliasForTimestamp('2026-11-20T10:00:00Z');
    expect(alias).toBe('sightline-authlog-write-2026.11');
    expect(targetFields(alias)).toBe('"_index":"sightline-authlog-write-2026.11","require_alias":true');
    expect(targetFields('bench-throwaway-2026.11')).toBe('"_index":"bench-throwaway-2026.11"');
  });
});
