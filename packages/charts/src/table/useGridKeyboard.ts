import { useState, type KeyboardEvent } from 'react';

/** Options of {@link useGridKeyboard}. */
export interface GridKeyboardOptions {
  /** Number of body rows. */
  count: number;
  /** Rows per PageUp / PageDown. */
  pageSize: number;
  /** Brings a row into view (scrolls the virtualised list). */
  reveal: (index: number) => void;
  /** Enter: expand or collapse row `index`. */
  onToggle: (index: number) => void;
  /** Escape: collapse row `index`. */
  onCollapse: (index: number) => void;
}

/**
 * Row navigation for a grid that is a single tab stop: the grid element keeps focus and points at
 * the active row with `aria-activedescendant`; arrows, Page keys, Home and End move it.
 */
export function useGridKeyboard(options: GridKeyboardOptions) {
  const { count, pageSize, reveal, onToggle, onCollapse } = options;
  const [active, setActive] = useState(0);
  const activeIndex = count === 0 ? -1 : Math.min(active, count - 1);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    reveal(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys typed into the header buttons, menu or resizers are theirs.
    if (event.target !== event.currentTarget || count === 0) return;
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: pageSize,
      PageUp: -pageSize,
    };
    const step = steps[event.key];
    if (step !== undefined) moveTo(activeIndex + step);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(count - 1);
    else if (event.key === 'Enter' || event.key === ' ') onToggle(activeIndex);
    else if (event.key === 'Escape') onCollapse(activeIndex);
    else return;
    event.preventDefault();
  };

  return { activeIndex, setActiveIndex: setActive, onKeyDown };
}
