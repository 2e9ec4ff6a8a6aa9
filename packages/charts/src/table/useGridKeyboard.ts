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
  const [row, setRow] = useState(0);
  // The header cell is remembered while the keyboard is in the body, so ArrowUp returns to it.
  const [column, setColumn] = useState(0);
  const [inHeader, setInHeader] = useState(false);
  const activeIndex = count === 0 ? -1 : Math.min(row, count - 1);
  // With no rows to be on, the header is the only place left.
  const activeColumn = (inHeader || count === 0) && columnCount > 0 ? Math.min(column, columnCount - 1) : -1;

  const toRow = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setRow(next);
    setInHeader(false);
    reveal(next);
  };
  const toColumn = (index: number) => {
    setColumn(Math.max(0, Math.min(columnCount - 1, index)));
    setInHeader(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys typed into the column menu are its own.
    if (event.target !== event.currentTarget) return;
    const { key } = event;
    const arrow = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
    if (activeColumn >= 0) {
      if (arrow && event.altKey) onResize(activeColumn, arrow * RESIZE_STEP);
      else if (arrow) toColumn(activeColumn + arrow);
      else if (key === 'Home') toColumn(0);
      else if (key === 'End') toColumn(columnCount - 1);
      else if (key === 'Enter' || key === ' ') onSort(activeColumn, event);
      else if (key === 'ArrowDown' || key === 'PageDown') {
        if (count > 0) toRow(0);
      } else if (key !== 'ArrowUp' && key !== 'PageUp') return;
    } else if (activeIndex >= 0) {
      const step = { ArrowDown: 1, ArrowUp: -1, PageDown: pageSize, PageUp: -pageSize }[key];
      if (key === 'ArrowUp' && activeIndex === 0 && columnCount > 0) toColumn(column);
      else if (step !== undefined) toRow(activeIndex + step);
      else if (key === 'Home') toRow(0);
      else if (key === 'End') toRow(count - 1);
      else if (key === 'Enter' || key === ' ') onToggle(activeIndex);
      else if (key === 'Escape') onCollapse(activeIndex);
      else return;
    } else return;
    event.preventDefault();
  };

  return {
    /** The active body row, or -1. */
    activeIndex,
    /** The active header cell, or -1 while the keyboard is in the body. */
    activeColumn,
    /** Makes a body row active (a click on it). */
    setActiveIndex: (index: number) => {
      setRow(index);
      setInHeader(false);
    },
    /** Makes a header cell active (a click on its sort button). */
    setActiveColumn: toColumn,
    onKeyDown,
  };
}
