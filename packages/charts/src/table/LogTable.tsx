import { useRef, useState, type CSSProperties } from 'react';
import type { ColumnVisibilityState, OnChangeFn, RowData, SortingState } from '@tanstack/react-table';
import type { Virtualizer } from '@tanstack/react-virtual';
import { ChartFrame, splitChartState, type ChartStateProps } from '../shared/ChartFrame';
import { formatNumber } from '../shared/format';
import { useChartId } from '../shared/useChartId';
import { themeVar } from '../theme/palette';
import { ColumnMenu } from './ColumnMenu';
import { HeaderCell, resizeColumn } from './HeaderCell';
import { fillShareTracks, shrunkSize, type ColumnWidth } from './fillShare';
import { LogGrid } from './LogGrid';
import { logRowCss } from './LogRow';
import type { LogColumn } from './types';
import { useGridKeyboard } from './useGridKeyboard';
import { useLogTable } from './useLogTable';
import { useRowKey } from './useRowKey';

export interface LogTableProps<TRow> extends ChartStateProps {
  /** Accessible name of the grid. */
  title: string;
  /** The rows loaded so far. */
  rows: readonly TRow[];
  /** Column definitions (see `columnsFromFields`). */
  columns: readonly LogColumn<TRow>[];
  /** Stable row id, e.g. `(r) => r.txid`; defaults to the index. */
  getRowId?: (row: TRow, index: number) => string;
  /** Total rows on the server, for `aria-rowcount` and the footer; unknown when omitted. */
  totalCount?: number;
  /** Controlled sort state (server sort); omit for client-side sorting. */
  sorting?: SortingState;
  /** Called with the new sort state (an updater, like React's `setState`). */
  onSortingChange?: OnChangeFn<SortingState>;
  /** Whether rows arrive sorted from the server; defaults to true when `sorting` is controlled. */
  manualSorting?: boolean;
  /** Controlled column visibility (`{ columnId: false }` hides a column). */
  columnVisibility?: ColumnVisibilityState;
  /** Called when the column menu changes visibility. */
  onColumnVisibilityChange?: OnChangeFn<ColumnVisibilityState>;
  /** Initial column visibility when uncontrolled. */
  defaultColumnVisibility?: ColumnVisibilityState;
  /** More rows exist after the loaded ones (cursor paging). */
  hasMore?: boolean;
  /** Fetches the next page; called from the button or when scrolling near the end. */
  onLoadMore?: () => void;
  /** A page is being fetched: the button is disabled and auto-loading waits. */
  loadingMore?: boolean;
  /** The rows are being replaced (e.g. re-sorted on the server): the grid is marked busy meanwhile. */
  busy?: boolean;
  /** Rows from the end at which the next page is requested (default 20). */
  loadMoreThreshold?: number;
  /** Called with the row on click or Enter (also toggles its details). */
  onSelect?: (row: TRow) => void;
  /** Height of the scrolling area in px (default 420); also what the server renders. */
  height?: number;
  /** Height of one collapsed row in px (default 32). */
  rowHeight?: number;
  /** Shows the title above the grid. */
  showTitle?: boolean;
  /** Hides the column menu. */
  hideColumnMenu?: boolean;
  /** Locale for the row counts (fixed by default so server and client agree). */
  locale?: string;
  /** Class on the figure. */
  className?: string;
}

/**
 * A virtualised, sortable, resizable log table (ARIA grid). One tab stop: arrows move the active row,
 * Enter expands it to the whole record and calls `onSelect`; ArrowUp from the first row moves into
 * the header, where Enter sorts and Alt + arrows resize. Pages load by cursor as you scroll.
 */
export function LogTable<TRow extends RowData>(props: LogTableProps<TRow>) {
  const { title, rows, hasMore = false, loadingMore = false, onLoadMore, onSelect } = props;
  const { height = 420, rowHeight = 32, loadMoreThreshold = 20, locale = 'en-US' } = props;
  const id = useChartId('sl-log');
  const table = useLogTable(props);
  const model = table.getRowModel().rows;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [focused, setFocused] = useState(false);
  const headerHeight = rowHeight;
  // Expanded rows are keyed by id, so they stay open through sorting and paging.
  const setOpen = (index: number, open?: boolean) => {
    const row = model[index];
    if (!row || open === expanded.has(row.id)) return;
    const next = new Set(expanded);
    if (!next.delete(row.id)) next.add(row.id);
    setExpanded(next);
    if (open === undefined) onSelect?.(row.original);
  };
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const virtualizer = useRef<Virtualizer<HTMLDivElement, HTMLDivElement>>(null);
  const keyboard = useGridKeyboard({
    count: model.length,
    columnCount: headers.length,
    pageSize: Math.max(1, Math.floor((height - headerHeight) / rowHeight) - 1),
    reveal: (index) => virtualizer.current?.scrollToIndex(index, { align: 'auto' }),
    onToggle: (index) => setOpen(index),
    onCollapse: (index) => setOpen(index, false),
    // TanStack's handler does nothing for a column that cannot sort.
    onSort: (column, event) => headers[column]?.column.getToggleSortingHandler()?.(event),
    onResize: (column, delta) => {
      const header = headers[column];
      if (header) resizeColumn(header, delta);
    },
  });
  // `table` is a new object each render, but its methods are stable: this one calls the latest
  // `getRowId`, which may be a new function each render.
  const { getRowId: rowIdOf } = table;
  const getItemKey = useRowKey(
    model,
    rows,
    model === table.getCoreRowModel().rows,
    props.getRowId ? rowIdOf : undefined,
  );
  const columnWidths: ColumnWidth[] = headers.map((header) => ({
    size: header.getSize(),
    shrinkTo: header.column.columnDef.meta?.shrinkTo,
  }));
  // One string for every row: a row renders again only when a column is resized, shown or hidden.
  const tracks = fillShareTracks(columnWidths);
  // The grid scrolls sideways only once every column is at its narrowest.
  const narrowest = columnWidths.reduce((sum, column) => sum + shrunkSize(column), 0);
  const known = props.totalCount ?? (hasMore ? undefined : rows.length);
  const rowDomId = (index: number) => `${id}-row-${index}`;
  const headerDomId = (column: number) => `${id}-col-${column}`;
  const { activeIndex, activeColumn } = keyboard;
  const activeDomId = !focused
    ? undefined
    : activeColumn >= 0
      ? headerDomId(activeColumn)
      : activeIndex >= 0
        ? rowDomId(activeIndex)
        : undefined;

  return (
    <ChartFrame
      title={title}
      showTitle={props.showTitle ?? false}
      empty={rows.length === 0 && !hasMore}
      height={height}
      className={props.className ? `sl-log-table ${props.className}` : 'sl-log-table'}
      {...splitChartState(props)[0]}
      emptyMessage={props.emptyMessage ?? 'No events match these filters.'}
    >
      {!props.hideColumnMenu && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 4 }}>
          <ColumnMenu table={table} />
        </div>
      )}
      <LogGrid
        grid={{
          role: 'grid',
          'aria-label': title,
          'aria-rowcount': known === undefined ? -1 : known + 1,
          'aria-colcount': headers.length,
          'aria-busy': props.busy || undefined,
          'aria-activedescendant': activeDomId,
          tabIndex: 0,
          onKeyDown: keyboard.onKeyDown,
          onFocus: (event) => event.target === event.currentTarget && setFocused(true),
          onBlur: () => setFocused(false),
          style: {
            height,
            overflow: 'auto',
            position: 'relative',
            border: `1px solid ${themeVar.grid}`,
            borderRadius: 'var(--sl-radius, 4px)',
            background: themeVar.bg,
            color: themeVar.fg,
            fontVariantNumeric: 'tabular-nums',
            // A collapsed row's line height (see logRowCss).
            ...({ '--sl-log-line': `${rowHeight - 1}px` } as CSSProperties),
          },
        }}
        model={model}
        getItemKey={getItemKey}
        expanded={expanded}
        tracks={tracks}
        minWidth={narrowest}
        rowHeight={rowHeight}
        viewportHeight={height - headerHeight}
        activeIndex={activeIndex}
        highlightedIndex={focused && activeColumn < 0 ? activeIndex : -1}
        rowDomId={rowDomId}
        onRowClick={(index) => {
          keyboard.setActiveIndex(index);
          setOpen(index);
        }}
        virtualizerRef={virtualizer}
        hasMore={hasMore}
        loadingMore={loadingMore}
        onLoadMore={onLoadMore}
        loadMoreThreshold={loadMoreThreshold}
      >
        <style href="sl-log-table" precedence="sl">
          {logRowCss}
        </style>
        <div
          role="rowgroup"
          // As wide as the grid, so rows and their borders span it; wider only when the columns cannot shrink more.
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 1,
            background: themeVar.bg,
            width: '100%',
            minWidth: narrowest,
          }}
        >
          <div
            role="row"
            aria-rowindex={1}
            style={{ display: 'flex', height: headerHeight, borderBottom: `1px solid ${themeVar.grid}` }}
          >
            {headers.map((header, i) => (
              <HeaderCell
                key={header.id}
                header={header}
                colIndex={i + 1}
                domId={headerDomId(i)}
                highlighted={focused && i === activeColumn}
                onPick={(from) => {
                  keyboard.setActiveColumn(i);
                  from.closest<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
                }}
              />
            ))}
          </div>
        </div>
      </LogGrid>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 6, color: themeVar.muted }}>
        <span role="status">
          {props.busy
            ? 'Loading…'
            : loadingMore
              ? 'Loading more…'
              : `${formatNumber(rows.length, locale)}${known === undefined ? '' : ` of ${formatNumber(known, locale)}`} rows`}
        </span>
        {hasMore && onLoadMore && (
          <button type="button" onClick={onLoadMore} disabled={loadingMore}>
            Load more
          </button>
        )}
      </div>
    </ChartFrame>
  );
}
