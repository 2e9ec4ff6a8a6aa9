import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent } from 'react';

export interface RovingFocusOptions {
  /** Number of items. */
  count: number;
  /** Which arrow keys move: left/right, up/down, or both (default). */
  orientation?: 'horizontal' | 'vertical' | 'both';
  /** Wraps from the last item to the first and back (default true). */
  loop?: boolean;
  /** Called with the item index on Enter or Space (Space only when `onOpen` is given). */
  onSelect?: (index: number) => void;
  /**
   * Called with the item index on Enter, when given: Enter then opens what lies behind the item (as a
   * link would) and Space selects it (as a toggle would).
   */
  onOpen?: (index: number) => void;
  /** Called when the active item changes through the keyboard or focus. */
  onActiveChange?: (index: number) => void;
}

/** The ref and event handlers of one item (`getItemHandlers(i)`): the same functions on every render. */
export interface RovingItemHandlers<T extends Element> {
  ref: (element: T | null) => void;
  onKeyDown: (event: KeyboardEvent<T>) => void;
  onFocus: (event: FocusEvent<T>) => void;
  onBlur: (event: FocusEvent<T>) => void;
}

/** Props to spread on each item (`getItemProps(i)`). */
export interface RovingItemProps<T extends Element> extends RovingItemHandlers<T> {
  tabIndex: 0 | -1;
  'data-focused': true | undefined;
}

export interface RovingFocus<T extends Element> {
  /** The item holding the single tab stop (-1 when there are no items). */
  activeIndex: number;
  /** The item that has keyboard focus now, or null. Charts draw their focus ring from this. */
  focusedIndex: number | null;
  /** Moves the tab stop (and focus, when `focus` is true) to an item. */
  focusItem: (index: number, focus?: boolean) => void;
  /** Props for item `index`. */
  getItemProps: (index: number) => RovingItemProps<T>;
  /**
   * Ref and handlers for item `index`, identical on every render (this function too), for items
   * drawn by a memoised component: it then re-renders for `activeIndex` and `focusedIndex` only,
   * and sets `tabIndex` and `data-focused` from them as `getItemProps` does.
   */
  getItemHandlers: (index: number) => RovingItemHandlers<T>;
}

const next: Record<string, { dir: 1 | -1; axis: 'horizontal' | 'vertical' }> = {
  ArrowRight: { dir: 1, axis: 'horizontal' },
  ArrowLeft: { dir: -1, axis: 'horizontal' },
  ArrowDown: { dir: 1, axis: 'vertical' },
  ArrowUp: { dir: -1, axis: 'vertical' },
};

/**
 * One tab stop across N items (WAI-ARIA roving tabindex): arrows move, Home/End jump,
 * Enter/Space select (or Enter opens and Space selects, with `onOpen`). Works for HTML buttons and focusable SVG elements alike. A key whose default an
 * ancestor's capture handler has prevented is left to that handler.
 */
export function useRovingFocus<T extends Element = Element>(options: RovingFocusOptions): RovingFocus<T> {
  const { count, orientation = 'both', loop = true, onSelect, onOpen, onActiveChange } = options;
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  const elements = useRef<(T | null)[]>([]);
  const activeIndex = count === 0 ? -1 : Math.min(active, count - 1);

  const focusItem = useCallback(
    (index: number, focus = true) => {
      setActive(index);
      onActiveChange?.(index);
      const element = elements.current[index];
      if (focus && element && 'focus' in element) (element as unknown as HTMLElement).focus();
    },
    [onActiveChange],
  );

  // The handlers read options and state through this ref rather than closing over one render's, so
  // they can stay the same functions: a map's thousands of marks are then spared re-rendering (and
  // having their refs detached and attached again) whenever the chart around them does.
  const latest = useRef({ count, orientation, loop, onSelect, onOpen, onActiveChange, active, focusItem });
  useLayoutEffect(() => {
    latest.current = { count, orientation, loop, onSelect, onOpen, onActiveChange, active, focusItem };
  });
  const handlers = useRef<RovingItemHandlers<T>[]>([]);

  const getItemHandlers = useCallback((index: number): RovingItemHandlers<T> => {
    const cached = handlers.current[index];
    if (cached) return cached;
    const created: RovingItemHandlers<T> = {
      ref: (element) => {
        elements.current[index] = element;
      },
      onKeyDown: (event) => {
        if (event.defaultPrevented) return;
        const { count, orientation, loop, onSelect, onOpen, focusItem } = latest.current;
        const key = event.key;
        let target: number | null = null;
        const move = next[key];
        if (move && (orientation === 'both' || orientation === move.axis)) {
          const raw = index + move.dir;
          target = loop ? (raw + count) % count : Math.max(0, Math.min(count - 1, raw));
        } else if (key === 'Home') target = 0;
        else if (key === 'End') target = count - 1;
        else if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          if (key === 'Enter' && onOpen) onOpen(index);
          else onSelect?.(index);
          return;
        }
        if (target === null) return;
        event.preventDefault();
        focusItem(target);
      },
      onFocus: () => {
        setFocused(index);
        const { active, onActiveChange } = latest.current;
        if (index !== active) {
          setActive(index);
          onActiveChange?.(index);
        }
      },
      onBlur: () => setFocused((current) => (current === index ? null : current)),
    };
    handlers.current[index] = created;
    return created;
  }, []);

  const getItemProps = (index: number): RovingItemProps<T> => ({
    ...getItemHandlers(index),
    tabIndex: index === activeIndex ? 0 : -1,
    'data-focused': focused === index || undefined,
  });

  return { activeIndex, focusedIndex: focused, focusItem, getItemProps, getItemHandlers };
}
