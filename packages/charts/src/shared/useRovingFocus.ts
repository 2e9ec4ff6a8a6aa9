import { useCallback, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent } from 'react';

export interface RovingFocusOptions {
  /** Number of items. */
  count: number;
  /** Which arrow keys move: left/right, up/down, or both (default). */
  orientation?: 'horizontal' | 'vertical' | 'both';
  /** Wraps from the last item to the first and back (default true). */
  loop?: boolean;
  /** Called with the item index on Enter or Space. */
  onSelect?: (index: number) => void;
  /** Called when the active item changes through the keyboard or focus. */
  onActiveChange?: (index: number) => void;
}

/** Props to spread on each item (`getItemProps(i)`). */
export interface RovingItemProps<T extends Element> {
  ref: (element: T | null) => void;
  tabIndex: 0 | -1;
  onKeyDown: (event: KeyboardEvent<T>) => void;
  onFocus: (event: FocusEvent<T>) => void;
  onBlur: (event: FocusEvent<T>) => void;
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
}

const next: Record<string, { dir: 1 | -1; axis: 'horizontal' | 'vertical' }> = {
  ArrowRight: { dir: 1, axis: 'horizontal' },
  ArrowLeft: { dir: -1, axis: 'horizontal' },
  ArrowDown: { dir: 1, axis: 'vertical' },
  ArrowUp: { dir: -1, axis: 'vertical' },
};

/**
 * One tab stop across N items (WAI-ARIA roving tabindex): arrows move, Home/End jump,
 * Enter/Space select. Works for HTML buttons and focusable SVG elements alike.
 */
export function useRovingFocus<T extends Element = Element>(options: RovingFocusOptions): RovingFocus<T> {
  const { count, orientation = 'both', loop = true, onSelect, onActiveChange } = options;
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

  const getItemProps = (index: number): RovingItemProps<T> => ({
    ref: (element) => {
      elements.current[index] = element;
    },
    tabIndex: index === activeIndex ? 0 : -1,
    onKeyDown: (event) => {
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
        onSelect?.(index);
        return;
      }
      if (target === null) return;
      event.preventDefault();
      focusItem(target);
    },
    onFocus: () => {
      setFocused(index);
      if (index !== active) {
        setActive(index);
        onActiveChange?.(index);
      }
    },
    onBlur: () => setFocused((current) => (current === index ? null : current)),
    'data-focused': focused === index || undefined,
  });

  return { activeIndex, focusedIndex: focused, focusItem, getItemProps };
}
