import { useMemo, useState } from 'react';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
  type Table,
  type VisibilityState,
} from '@tanstack/react-table';
import { EMPTY } from './formatCell';
import type { LogColumn } from './types';

/** Options of {@link useLogTable}. */
export interface UseLogTableOptions<TRow> {
  rows: readonly TRow[];
  columns: readonly LogColumn<TRow>[];
  /** Stable row id (e.g. the event id); defaults to the row's index. */
  getRowId?: (row: TRow, index: number) => string;
  /** Controlled sorting; when set, rows are assumed sorted by the server unless `manualSorting` is false. */
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** True when the rows arrive sorted (server sort): the table only reports the sort. */
  manualSorting?: boolean;
  /** Controlled column visibility ({ columnId: false } hides). */
  columnVisibility?: VisibilityState;
  onColumnVisibilityChange?: OnChangeFn<VisibilityState>;
  /** Initial visibility when uncontrolled. */
  defaultColumnVisibility?: VisibilityState;
}

function toColumnDef<TRow>(column: LogColumn<TRow>): ColumnDef<TRow, unknown> {
  const render = column.cell;
  return {
    id: column.id,
    header: column.header,
    accessorFn: column.accessor,
    cell: (context) => {
      const value = context.getValue();
      if (render) return render(value, context.row.original);
      return value === null || value === undefined ? EMPTY : String(value);
    },
    size: column.size ?? 160,
    minSize: column.minSize ?? 60,
    enableSorting: column.sortable ?? true,
    sortingFn: column.sortAs === 'basic' ? 'basic' : 'text',
    sortUndefined: 'last',
    meta: { align: column.align ?? 'start' },
  };
}

/**
 * The headless table behind {@link LogTable}: TanStack Table with sorting (client or server),
 * column visibility and live column resizing, each controlled or not.
 */
export function useLogTable<TRow>(options: UseLogTableOptions<TRow>): Table<TRow> {
  const { rows, columns, getRowId } = options;
  const [sortingState, setSortingState] = useState<SortingState>([]);
  const [visibilityState, setVisibilityState] = useState<VisibilityState>(
    options.defaultColumnVisibility ?? {},
  );
  const defs = useMemo(() => columns.map(toColumnDef), [columns]);
  const data = useMemo(() => rows as TRow[], [rows]);
  const sorting = options.sorting ?? sortingState;
  const columnVisibility = options.columnVisibility ?? visibilityState;
  const manualSorting = options.manualSorting ?? options.sorting !== undefined;
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; TanStack re-renders us itself
  return useReactTable<TRow>({
    data,
    columns: defs,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      if (options.sorting === undefined) setSortingState(updater);
      options.onSortingChange?.(updater);
    },
    onColumnVisibilityChange: (updater) => {
      if (options.columnVisibility === undefined) setVisibilityState(updater);
      options.onColumnVisibilityChange?.(updater);
    },
    manualSorting,
    columnResizeMode: 'onChange',
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    ...(getRowId ? { getRowId } : {}),
  });
}
