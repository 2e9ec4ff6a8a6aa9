import { useState, type KeyboardEvent } from 'react';

/** Options of {@link useGridKeyboard}. */
export interface GridKeyboardOptions {
  /** Number of body rows. */
  count: number;
  /** Number of header cells (visible columns). */
  columnCount: number;
  /** Rows per PageUp / PageDown. */
  pageSize: number;
  /** Brings a row into view (scrolls the virtualised list). */
  reveal: (index: number) => void;
  /** Enter: expand or collapse row `index`. */
  onToggle: (index: number) => void;
  /** Escape: collapse row `index`. */
  onCollapse: (index: number) => void;
  /** Enter or Space on header cell `column`; the event says whether Shift was held (secondary sort). */
  onSort: (column: number, event: KeyboardEvent<HTMLElement>) => void;
  /** Alt + ←/→ on header cell `column`: widen or narrow it by `delta` px. */
  onResize: (column: number, delta: number) => void;
}

/** Where the keyboard is: a body row, or a cell of the header row. */
export type GridPosition = { row: number } | { column: number };

/** How far one Alt + arrow press resizes a column, in px. */
export const RESIZE_STEP = 16;

/**
 * Keyboard navigation for a grid that is a single tab stop: the grid element keeps focus and points
 * at the active row, or the active header cell, with `aria-activedescendant`. In the body, arrows,
 * Page keys, Home and End move between rows, Enter expands one and Escape collapses it; ArrowUp from
 * the first row enters the header row. There ←/→ (Home, End) move between header cells, Enter or
 * Space sorts, Alt + ←/→ resizes, and ArrowDown returns to the first row.
 */
export function useGridKeyboard(options: GridKeyboardOptions) {
  const { count, columnCount, pageSize, reveal, onToggle, onCollapse, onSort, onResize } = options;
  const [active, setActive] = useState(0);
  // The header cell the keyboard was last on, kept while it is in the body so ArrowUp returns there.
  const [column, setColumn] = useState(0);
  const [headerActive, setHeaderActive] = useState(false);
  const activeIndex = count === 0 ? -1 : Math.min(active, count - 1);
  // With no rows to be on, the header is the only place left.
  const inHeader = (headerActive || count === 0) && columnCount > 0;
  const activeColumn = inHeader ? Math.min(column, columnCount - 1) : -1;
  const position: GridPosition | null = inHeader
    ? { column: activeColumn }
    : activeIndex >= 0
      ? { row: activeIndex }
      : null;

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    setHeaderActive(false);
    reveal(next);
  };
  const moveToColumn = (index: number) => {
    setColumn(Math.max(0, Math.min(columnCount - 1, index)));
    setHeaderActive(true);
  };

  const headerKey = (event: KeyboardEvent<HTMLElement>): boolean => {
    const { key } = event;
    if (event.altKey && (key === 'ArrowLeft' || key === 'ArrowRight'))
      onResize(activeColumn, key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP);
    else if (key === 'ArrowLeft') moveToColumn(activeColumn - 1);
    else if (key === 'ArrowRight') moveToColumn(activeColumn + 1);
    else if (key === 'Home') moveToColumn(0);
    else if (key === 'End') moveToColumn(columnCount - 1);
    else if (key === 'Enter' || key === ' ') onSort(activeColumn, event);
    else if (key === 'ArrowDown' || key === 'PageDown') {
      if (count > 0) moveTo(0);
    } else return key === 'ArrowUp' || key === 'PageUp';
    return true;
  };

  const rowKey = (event: KeyboardEvent<HTMLElement>): boolean => {
    const { key } = event;
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: pageSize,
      PageUp: -pageSize,
    };
    const step = steps[key];
    if (key === 'ArrowUp' && activeIndex === 0 && columnCount > 0) moveToColumn(column);
    else if (step !== undefined) moveTo(activeIndex + step);
    else if (key === 'Home') moveTo(0);
    else if (key === 'End') moveTo(count - 1);
    else if (key === 'Enter' || key === ' ') onToggle(activeIndex);
    else if (key === 'Escape') onCollapse(activeIndex);
    else return false;
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys typed into the column menu are its own.
    if (event.target !== event.currentTarget || position === null) return;
    if ('column' in position ? headerKey(event) : rowKey(event)) event.preventDefault();
  };

  /** Makes a body row active (a click on it). */
  const setActiveIndex = (index: number) => {
    setActive(index);
    setHeaderActive(false);
  };

  return {
    position,
    activeIndex,
    activeColumn,
    setActiveIndex,
    setActiveColumn: moveToColumn,
    onKeyDown,
  };
}
