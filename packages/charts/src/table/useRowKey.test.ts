import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useRowKey } from './useRowKey';

const records = [{ txid: 'a' }, { txid: 'b' }, { txid: 'c' }];
/** Rows in display order that must not be read: in data order the key comes from the record. */
const unreadable = new Proxy([] as { id: string; index: number }[], {
  get(target, key) {
    if (key === 'length') return records.length;
    if (typeof key === 'string' && /^\d+$/.test(key)) throw new Error(`row ${key} was built`);
    return Reflect.get(target, key);
  },
});
/** The same records sorted descending, as TanStack rows: `index` is the record's index. */
const sorted = [
  { id: 'c', index: 2 },
  { id: 'b', index: 1 },
  { id: 'a', index: 0 },
];
const txid = (record: { txid: string }) => record.txid;

describe('useRowKey', () => {
  it("keys rows in data order by their record's id, without reading the rows", () => {
    const { result } = renderHook(() => useRowKey(unreadable, records, true, txid));
    expect([0, 1, 2].map(result.current)).toEqual(['a', 'b', 'c']);
  });

  it("keys rows in data order by the record's index when records have no id", () => {
    const { result } = renderHook(() => useRowKey(unreadable, records, true, undefined));
    expect([0, 1, 2].map(result.current)).toEqual([0, 1, 2]);
  });

  it('keys sorted rows as in data order, so a row keeps its key (and measured height) through sorting', () => {
    const byId = renderHook(() => useRowKey(sorted, records, false, txid)).result.current;
    expect([0, 1, 2].map(byId)).toEqual(['c', 'b', 'a']);
    const byIndex = renderHook(() => useRowKey(sorted, records, false, undefined)).result.current;
    expect([0, 1, 2].map(byIndex)).toEqual([2, 1, 0]);
  });

  it('keeps the same function while its inputs are the same', () => {
    const { result, rerender } = renderHook(() => useRowKey(sorted, records, false, txid));
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });
});
