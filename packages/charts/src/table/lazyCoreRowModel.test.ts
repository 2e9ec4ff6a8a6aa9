import { renderHook } from '@testing-library/react';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { columnsFromFields } from './columns';
import { authLog, type AuthLogRow } from './fixtures/authLog';
import { useLogTable, type UseLogTableOptions } from './useLogTable';

const columns = columnsFromFields<AuthLogRow>([
  { id: 'ts', label: 'Time', type: 'date' },
  { id: 'user.name', label: 'User', type: 'keyword' },
]);

/** Full garbage collections, on demand (a context made after the flag has `gc`). */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // A few, a task apart: React's scheduled work lets go of a render's values in a later task, and a
  // weak reference keeps its target until the task that made or read it has ended.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The log table's TanStack table, with a spy on `getRowId`: it runs once for each row built. */
function table(rows: AuthLogRow[], options: Partial<UseLogTableOptions<AuthLogRow>> = {}) {
  const getRowId = vi.fn((row: AuthLogRow) => row.txid);
  const hook = renderHook((props: UseLogTableOptions<AuthLogRow>) => useLogTable(props), {
    initialProps: { rows, columns, getRowId, ...options },
  });
  return { ...hook, getRowId };
}

describe("the log table's core row model", () => {
  it('builds a row when it is first read, not before', () => {
    const { result, getRowId } = table(authLog(100_000));
    const rows = result.current.getRowModel().rows;
    expect(rows).toHaveLength(100_000);
    expect(getRowId).not.toHaveBeenCalled();
    const row = rows[70_000]!;
    expect(row.id).toBe('tx-0070000');
    expect(row.index).toBe(70_000);
    expect(row.original.txid).toBe('tx-0070000');
    expect(getRowId).toHaveBeenCalledTimes(1);
  });

  it('gives the same row every time it is read', () => {
    const { result, getRowId } = table(authLog(10));
    const rows = result.current.getRowModel().rows;
    expect(rows[3]).toBe(rows[3]);
    expect(result.current.getRowModel().rows[3]).toBe(rows[3]);
    expect(getRowId).toHaveBeenCalledTimes(1);
  });

  it('behaves as an array of every row', () => {
    const { result } = table(authLog(5));
    const rows = result.current.getRowModel().rows;
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.map((row) => row.id)).toEqual([
      'tx-0000000',
      'tx-0000001',
      'tx-0000002',
      'tx-0000003',
      'tx-0000004',
    ]);
    expect(rows.slice(3).map((row) => row.index)).toEqual([3, 4]);
    expect([...rows].at(-1)?.id).toBe('tx-0000004');
    expect(2 in rows).toBe(true);
    expect(5 in rows).toBe(false);
    expect(rows[5]).toBeUndefined();
    expect(rows[-1]).toBeUndefined();
  });

  it('renders cells of a row built on demand', () => {
    const { result } = table(authLog(3));
    const cells = result.current.getRowModel().rows[2]!.getVisibleCells();
    expect(cells.map((cell) => cell.getValue())).toEqual([
      '2024-05-01T00:01:14.000Z',
      authLog(3)[2]!.user.name,
    ]);
  });

  it('finds any row by id, built or not', () => {
    const { result } = table(authLog(1_000));
    expect(result.current.getRow('tx-0000777').original.txid).toBe('tx-0000777');
  });

  it('sorts every row on the client, reading rows it has not built yet', () => {
    const rows = authLog(1_000);
    const { result } = table(rows, { sorting: [{ id: 'user.name', desc: true }], manualSorting: false });
    const sorted = result.current.getRowModel().rows;
    expect(sorted).toHaveLength(1_000);
    const names = sorted.map((row) => row.original.user.name);
    expect(names).toEqual(
      rows
        .map((row) => row.user.name)
        .sort()
        .reverse(),
    );
  });

  it('keeps the rows it built when more rows arrive after them, as a page of the log does', () => {
    const first = authLog(10);
    const { result, rerender, getRowId } = table(first);
    const before = result.current.getRowModel().rows;
    const kept = before[3]!;
    rerender({ rows: [...first, ...authLog(5, 10)], columns, getRowId });
    const after = result.current.getRowModel().rows;
    expect(after).toHaveLength(15);
    expect(after[3]).toBe(kept);
    expect(after[12]!.id).toBe('tx-0000012');
    // Row 3's id when built and again when kept (an id of its own now makes a new row), and row 12's.
    expect(getRowId).toHaveBeenCalledTimes(3);
  });

  it('builds a kept record’s row again when its id or the columns change', () => {
    const first = authLog(10);
    const { result, rerender, getRowId } = table(first);
    const kept = result.current.getRowModel().rows[3]!;
    rerender({ rows: [...first], columns, getRowId: (row: AuthLogRow) => `other-${row.txid}` });
    const renamed = result.current.getRowModel().rows[3]!;
    expect(renamed).not.toBe(kept);
    expect(renamed.id).toBe('other-tx-0000003');
    rerender({ rows: [...first], columns: [...columns].reverse(), getRowId });
    const reordered = result.current.getRowModel().rows[3]!;
    expect(reordered).not.toBe(renamed);
    expect(reordered.getVisibleCells().map((cell) => cell.column.id)).toEqual(['user.name', 'ts']);
  });

  it('sorts the rows kept and the rows arrived together on the client', () => {
    const first = authLog(10);
    const sorting = [{ id: 'user.name', desc: false }];
    const { result, rerender, getRowId } = table(first, { sorting, manualSorting: false });
    const kept = result.current.getRowModel().rows.find((row) => row.index === 3)!;
    const all = [...first, ...authLog(10, 10)];
    rerender({ rows: all, columns, getRowId, sorting, manualSorting: false });
    const sorted = result.current.getRowModel().rows;
    expect(sorted.map((row) => row.original.user.name)).toEqual(all.map((row) => row.user.name).sort());
    expect(sorted.find((row) => row.index === 3)).toBe(kept);
  });

  it('builds a row again when another record takes its index', () => {
    const first = authLog(10);
    const { result, rerender, getRowId } = table(first);
    const before = result.current.getRowModel().rows;
    const [zero, three] = [before[0]!, before[3]!];
    rerender({ rows: [authLog(1, 100)[0]!, ...first.slice(1)], columns, getRowId });
    const after = result.current.getRowModel().rows;
    expect(after[0]).not.toBe(zero);
    expect(after[0]!.id).toBe('tx-0000100');
    expect(after[3]).toBe(three);
  });

  it('holds nothing of the data before, once new data has come', async () => {
    // No spy here: it would hold every record it was called with.
    const getRowId = (row: AuthLogRow) => row.txid;
    const { result, rerender } = renderHook((props: UseLogTableOptions<AuthLogRow>) => useLogTable(props), {
      // TanStack's useTable holds the options of its first render for good: these are not the data.
      initialProps: { rows: authLog(3), columns, getRowId },
    });
    // Shown and let go in a function of its own, so that nothing of this one's paused frame holds it.
    const earlier = (() => {
      const rows = authLog(1_000, 1_000);
      rerender({ rows, columns, getRowId });
      expect(result.current.getRowModel().rows[3]!.id).toBe('tx-0001003');
      return new WeakRef(rows);
    })();
    const later = { rows: authLog(1_000, 2_000), columns, getRowId };
    // Twice: React keeps the props of the render before the last one.
    rerender(later);
    rerender(later);
    expect(result.current.getRowModel().rows[3]!.id).toBe('tx-0002003');
    await collectGarbage();
    expect(earlier.deref()).toBeUndefined();
  });

  it('starts again from the new data when the rows change', () => {
    const { result, rerender, getRowId } = table(authLog(3));
    expect(result.current.getRowModel().rows[0]!.id).toBe('tx-0000000');
    rerender({ rows: authLog(3, 10), columns, getRowId });
    const rows = result.current.getRowModel().rows;
    expect(rows.map((row) => row.id)).toEqual(['tx-0000010', 'tx-0000011', 'tx-0000012']);
  });
});
