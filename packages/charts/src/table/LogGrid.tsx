import { useEffect, useRef, type HTMLAttributes, type ReactNode, type RefObject } from 'react';
import type { Row, RowData } from '@tanstack/react-table';
import type { Virtualizer } from '@tanstack/react-virtual';
import { useIsomorphicLayoutEffect } from '../shared/useIsomorphicLayoutEffect';
import { LogRow } from './LogRow';
import type { LogTableFeatures } from './useLogTable';
import { useRowVirtualizer } from './useRowVirtualizer';

export interface LogGridProps<TRow extends RowData> {
  /** The grid element's own attributes (role, ARIA, keyboard, style). */
  grid: HTMLAttributes<HTMLDivElement>;
  /** What sits in the grid above the rows (the sticky header), made by the table. */
  children: ReactNode;
  /** The rows in display order. */
  model: Row<LogTableFeatures, TRow>[];
  getItemKey: (index: number) => number | string;
  expanded: ReadonlySet<string>;
  tracks: string;
  /** The grid's width once every column is at its narrowest. */
  minWidth: number;
  rowHeight: number;
  viewportHeight: number;
  /** The keyboard-active row, kept mounted. */
  activeIndex: number;
  /** The row showing the keyboard's focus ring, or -1. */
  highlightedIndex: number;
  rowDomId: (index: number) => string;
  onRowClick: (index: number) => void;
  /** Set to the grid's virtualizer, for the keyboard to bring rows into view. */
  virtualizerRef: RefObject<Virtualizer<HTMLDivElement, HTMLDivElement> | null>;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: (() => void) | undefined;
  loadMoreThreshold: number;
}

/**
 * The scrolling part of a {@link LogTable}: the grid element and its virtualised rows. A scroll
 * renders this component again, not the table around it: the header (passed in as `children`, made
 * by the table), the column menu and the row count stay as they are, so each frame of a scroll pays
 * only for the rows it brings into view.
 */
export function LogGrid<TRow extends RowData>(props: LogGridProps<TRow>) {
  const { model, expanded, tracks, rowHeight, rowDomId, hasMore, loadingMore, onLoadMore } = props;
  const { loadMoreThreshold } = props;
  const { virtualizer, scrollRef } = useRowVirtualizer({
    rowHeight,
    viewportHeight: props.viewportHeight,
    pinnedIndex: props.activeIndex,
    count: model.length,
    getItemKey: props.getItemKey,
  });
  // Read by the table's keyboard from its event handlers; gone with the grid (ChartFrame may swap it
  // for a loading or empty state).
  const { virtualizerRef } = props;
  useIsomorphicLayoutEffect(() => {
    virtualizerRef.current = virtualizer;
    return () => {
      virtualizerRef.current = null;
    };
  }, [virtualizerRef, virtualizer]);
  const items = virtualizer.getVirtualItems();

  // Ask for the next page once per page, when the rendered window reaches the end.
  const lastRendered = virtualizer.range?.endIndex ?? items[items.length - 1]?.index ?? -1;
  const requestedAt = useRef(-1);
  useEffect(() => {
    if (!hasMore || loadingMore || !onLoadMore || model.length === 0) return;
    if (lastRendered < model.length - 1 - loadMoreThreshold || requestedAt.current === model.length) return;
    requestedAt.current = model.length;
    onLoadMore();
  }, [hasMore, loadingMore, onLoadMore, model.length, lastRendered, loadMoreThreshold]);

  return (
    <div ref={scrollRef} {...props.grid}>
      {props.children}
      <div
        role="rowgroup"
        // One handler for every row, so a row's props stay equal between renders and it can skip them.
        onClick={(event) => {
          const row = (event.target as Element).closest('[role="row"]');
          if (row?.parentElement === event.currentTarget)
            props.onRowClick(Number(row.getAttribute('data-index')));
        }}
        style={{
          position: 'relative',
          height: virtualizer.getTotalSize(),
          width: '100%',
          minWidth: props.minWidth,
        }}
      >
        {items.map((item) => {
          const row = model[item.index];
          if (!row) return null;
          return (
            <LogRow
              key={row.id}
              row={row}
              cells={row.getVisibleCells()}
              index={item.index}
              start={item.start}
              tracks={tracks}
              domId={rowDomId(item.index)}
              open={expanded.has(row.id)}
              highlighted={item.index === props.highlightedIndex}
              rowHeight={rowHeight}
              measure={virtualizer.measureElement}
            />
          );
        })}
      </div>
    </div>
  );
}
