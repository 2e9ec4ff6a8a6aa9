import { useCallback } from 'react';

/**
 * The virtualizer's key for the row at a display index: its id, or its record's index when rows
 * have no `getRowId` (a number, so keying 100k rows allocates no strings). In data order the key is
 * read from the record, so keying every row does not build every TanStack row.
 *
 * @param rows The table's rows in display order.
 * @param records The data, in its own order.
 * @param inDataOrder Whether `rows` follow `records` (no client sorting).
 * @param rowId The id of a record, when rows have one; must be stable across renders.
 */
export function useRowKey<TRecord>(
  rows: readonly { id: string; index: number }[],
  records: readonly TRecord[],
  inDataOrder: boolean,
  rowId: ((record: TRecord, index: number) => string) | undefined,
): (index: number) => number | string {
  return useCallback(
    (index: number) => {
      if (!inDataOrder) {
        const row = rows[index];
        return row === undefined ? index : rowId ? row.id : row.index;
      }
      const record = records[index];
      return rowId && record !== undefined ? rowId(record, index) : index;
    },
    [rows, records, inDataOrder, rowId],
  );
}
