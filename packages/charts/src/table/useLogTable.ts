import { useMemo, useState } from 'react';
import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createSortedRowModel,
  metaHelper,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type OnChangeFn,
  type ReactTable,
  type RowData,
  type RowModel,
  type SortFn,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { EMPTY } from './formatCell';
import { createLazyCoreRowModel } from './lazyCoreRowModel';
import type { LogColumn } from './types';

/** Builds one of the log table's row models; the rows may be of any shape. */
export type LogRowModelFactory = (
  table: Table<LogTableFeatures, RowData>,
) => () => RowModel<LogTableFeatures, RowData>;

/**
 * The TanStack Table features of a {@link LogTable}, spelled out: inferred from the features object,
 * the declarations would carry TanStack's `any`-typed factories and name `@tanstack/table-core`,
 * which consumers do not install directly.
 */
export interface LogTableFeatures {
  coreRowModel: LogRowModelFactory;
  rowSortingFeature: typeof rowSortingFeature;
  columnVisibilityFeature: typeof columnVisibilityFeature;
  columnSizingFeature: typeof columnSizingFeature;
  columnResizingFeature: typeof columnResizingFeature;
  sortedRowModel: LogRowModelFactory;
  sortFns: { text: SortFn<LogTableFeatures, RowData>; basic: SortFn<LogTableFeatures, RowData> };
  columnMeta: LogColumnMeta;
}

/** What the table keeps of a {@link LogColumn} beside TanStack's own column settings. */
export interface LogColumnMeta {
  align: 'start' | 'end';
  shrinkTo?: number | undefined;
}

/**
 * Only the TanStack Table features the log table uses: Table 9 leaves every other feature out of the
 * bundle. Row expansion is not among them: an expanded row shows its record, not sub-rows. Rows are
 * built as they are read, so a table of 100k records builds the few it shows.
 */
export const logTableFeatures: LogTableFeatures = tableFeatures<LogTableFeatures>({
  coreRowModel: createLazyCoreRowModel<LogTableFeatures, RowData>(),
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  sortedRowModel: createSortedRowModel<LogTableFeatures, RowData>(),
  sortFns: { text: sortFn_text, basic: sortFn_basic },
  columnMeta: metaHelper<LogColumnMeta>(),
});

/** The TanStack table behind a {@link LogTable}. */
export type LogTableInstance<TRow extends RowData> = ReactTable<LogTableFeatures, TRow>;

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
  columnVisibility?: ColumnVisibilityState;
  onColumnVisibilityChange?: OnChangeFn<ColumnVisibilityState>;
  /** Initial visibility when uncontrolled. */
  defaultColumnVisibility?: ColumnVisibilityState;
}

function toColumnDef<TRow extends RowData>(
  column: LogColumn<TRow>,
): ColumnDef<LogTableFeatures, TRow, unknown> {
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
    sortFn: column.sortAs ?? 'text',
    sortUndefined: 'last',
    meta: { align: column.align ?? 'start', shrinkTo: column.shrinkTo },
  };
}

/**
 * The headless table behind {@link LogTable}: TanStack Table with sorting (client or server),
 * column visibility and live column resizing, each controlled or not.
 */
export function useLogTable<TRow extends RowData>(options: UseLogTableOptions<TRow>): LogTableInstance<TRow> {
  const { rows, columns, getRowId } = options;
  const [sortingState, setSortingState] = useState<SortingState>([]);
  const [visibilityState, setVisibilityState] = useState(options.defaultColumnVisibility ?? {});
  const defs = useMemo(() => columns.map(toColumnDef), [columns]);
  const sorting = options.sorting ?? sortingState;
  const columnVisibility = options.columnVisibility ?? visibilityState;
  return useTable<LogTableFeatures, TRow>({
    features: logTableFeatures,
    data: rows,
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
    manualSorting: options.manualSorting ?? options.sorting !== undefined,
    columnResizeMode: 'onChange',
    ...(getRowId ? { getRowId } : {}),
  });
}
