import {
  constructRow,
  makeObjectMap,
  type Row,
  type RowData,
  type RowModel,
  type Table,
  type TableFeatures,
} from '@tanstack/react-table';

/**
 * TanStack Table's core row model, with each row built when it is first read. The stock
 * `createCoreRowModel` builds every row before anything renders: for 100k log records that took most
 * of the first render and left tens of megabytes of garbage, for a virtualised grid that shows
 * thirty of them. Here `rows[i]` builds row i with TanStack's own `constructRow` and `getRowId`, so
 * the row models after it work unchanged; sorting reads every row and so builds them all, as the
 * stock model would. Flat data only: no sub-rows.
 */
export function createLazyCoreRowModel<TFeatures extends TableFeatures, TData extends RowData>() {
  return (table: Table<TFeatures, TData>): (() => RowModel<TFeatures, TData>) => {
    let previous: Built<TFeatures, TData> | undefined;
    let model: RowModel<TFeatures, TData>;
    return () => {
      const { data } = table.options;
      if (data !== previous?.data) [model, previous] = lazyRowModel(table, data, previous);
      return model;
    };
  };
}

/** The rows a model has built so far, for the data and columns they were built from. */
interface Built<TFeatures extends TableFeatures, TData extends RowData> {
  data: readonly TData[];
  columns: unknown;
  rows: (Row<TFeatures, TData> | undefined)[];
}

function lazyRowModel<TFeatures extends TableFeatures, TData extends RowData>(
  table: Table<TFeatures, TData>,
  data: readonly TData[],
  previous: Built<TFeatures, TData> | undefined,
): [RowModel<TFeatures, TData>, Built<TFeatures, TData>] {
  const count = data.length;
  const { columns } = table.options;
  // Filled, so every index is present to `in` and to array methods such as `slice`; it is the
  // proxy's target, so the rows are an array to `Array.isArray` and `length` too.
  const built = new Array<Row<TFeatures, TData> | undefined>(count).fill(undefined);
  // A row the last model built for the same record at the same index, with the same id and the same
  // columns (a row caches its values), is that row still: when a page of the log arrives after the
  // rest, the rows on screen stay the same objects, and the grid does not render them again
  // (bench/results/dashboard-fetch-renders.md). Taken over now, not when read, so that this model
  // holds nothing of the last data: a new result does not keep the one before it in memory.
  if (previous?.columns === columns)
    for (let i = Math.min(count, previous.rows.length); i-- > 0;) {
      const row = previous.rows[i];
      if (row && previous.data[i] === data[i] && row.id === table.getRowId(data[i]!, i)) built[i] = row;
    }
  const rowAt = (index: number) =>
    (built[index] ??= constructRow(table, table.getRowId(data[index]!, index), data[index]!, index, 0));
  const rows = new Proxy(built as Row<TFeatures, TData>[], {
    get(target, key, receiver) {
      // An index is a canonical integer string: not "length", "01" or "1.5".
      const index = typeof key === 'string' ? Number(key) : -1;
      return index >= 0 && index < count && index % 1 === 0 && String(index) === key
        ? rowAt(index)
        : Reflect.get(target, key, receiver);
    },
  });
  let byId: Record<string, Row<TFeatures, TData>> | undefined;
  const model = {
    rows,
    flatRows: rows,
    // Looking a row up by id needs every id, so it builds every row, once.
    get rowsById() {
      if (!byId) {
        byId = makeObjectMap();
        for (let i = 0; i < count; i++) byId[rowAt(i).id] = rowAt(i);
      }
      return byId;
    },
  };
  return [model, { data, columns, rows: built }];
}
