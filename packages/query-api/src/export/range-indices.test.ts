import { describe, expect, it } from 'vitest';
import { indicesOverlapping } from './range-indices';

const names = [
  'sightline-authlog-v1-2026.09',
  'sightline-authlog-v1-2026.10',
  'sightline-authlog-v1-2026.11',
  'sightline-authlog-v1-2026.12',
  'sightline-authlog-v2-2026.11',
];
const at = (iso: string) => Date.parse(iso);

describe('the indices an export reads', () => {
  it('are the months its range overlaps, every version behind the alias, no other month', () => {
    expect(
      indicesOverlapping(names, { from: at('2026-10-20T00:00:00Z'), to: at('2026-11-03T00:00:00Z') }),
    ).toEqual([
      'sightline-authlog-v1-2026.10',
      'sightline-authlog-v1-2026.11',
      'sightline-authlog-v2-2026.11',
    ]);
  });

  it('leave out a month the range ends exactly at (the end is exclusive) and read month boundaries in UTC', () => {
    expect(
      indicesOverlapping(names, { from: at('2026-11-15T00:00:00Z'), to: at('2026-12-01T00:00:00Z') }),
    ).toEqual(['sightline-authlog-v1-2026.11', 'sightline-authlog-v2-2026.11']);
    expect(
      indicesOverlapping(names, { from: at('2026-11-30T23:30:00-01:00'), to: at('2026-12-01T01:00:00Z') }),
    ).toEqual(['sightline-authlog-v1-2026.12']);
  });

  it('keep an index whose name says no month', () => {
    expect(indicesOverlapping(['legacy-authlog'], { from: 0, to: 1 })).toEqual(['legacy-authlog']);
  });
});
