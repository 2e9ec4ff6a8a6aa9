import { describe, expect, it } from 'vitest';
import { settledRows, type ShardRow } from './gap';

const row = (id: number, ageMs = 10): ShardRow => ({ id: BigInt(id), customer: 'c', record: '{}', ageMs });
const ids = (rows: ShardRow[]) => rows.map((r) => Number(r.id));

describe('settledRows', () => {
  it('passes consecutive ids straight through', () => {
    expect(settledRows(10n, [row(11), row(12), row(13)], 3000)).toEqual({
      rows: [row(11), row(12), row(13)],
      heldAt: null,
    });
  });

  it('holds back at a gap whose next row is young: the missing id may still commit', () => {
    const result = settledRows(10n, [row(11), row(12), row(14), row(15)], 3000);
    expect(ids(result.rows)).toEqual([11, 12]);
    expect(result.heldAt).toBe(13n);
  });

  it('holds back at a gap right after the cursor, publishing nothing yet', () => {
    expect(settledRows(10n, [row(12), row(13)], 3000)).toEqual({ rows: [], heldAt: 11n });
  });

  it('goes past a gap once the row after it is older than the hold: a rolled-back insert never appears', () => {
    const result = settledRows(10n, [row(11), row(14, 3000), row(15), row(17, 10)], 3000);
    expect(ids(result.rows)).toEqual([11, 14, 15]);
    expect(result.heldAt).toBe(16n);
  });

  it('publishes a late row once it committed, in id order after the cursor', () => {
    const first = settledRows(10n, [row(11), row(13)], 3000);
    expect(ids(first.rows)).toEqual([11]);
    const second = settledRows(11n, [row(12), row(13)], 3000);
    expect(ids(second.rows)).toEqual([12, 13]);
  });

  it('starts a fresh cursor at id 1 and takes an old history with holes as it is', () => {
    expect(ids(settledRows(0n, [row(1), row(2)], 3000).rows)).toEqual([1, 2]);
    expect(ids(settledRows(0n, [row(5, 86_400_000), row(9, 86_400_000)], 3000).rows)).toEqual([5, 9]);
  });

  it('refuses rows at or before the cursor, which would publish twice', () => {
    expect(() => settledRows(10n, [row(10)], 3000)).toThrow(/out of order/);
    expect(() => settledRows(10n, [row(12, 5000), row(12, 5000)], 3000)).toThrow(/out of order/);
  });
});
