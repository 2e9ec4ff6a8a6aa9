import { useCallback, useRef } from 'react';
import {
  defaultRangeExtractor,
  measureElement,
  observeElementRect,
  useVirtualizer,
  type Range,
  type Virtualizer,
} from '@tanstack/react-virtual';

/** Options of {@link useRowVirtualizer}. */
export interface RowVirtualizerOptions {
  /** The rows in display order; their ids key measured heights, so sizes follow rows through sorting. */
  rows: readonly { id: string }[];
  /** Height of a collapsed row in px. */
  rowHeight: number;
  /** Height of the scrolling viewport in px (also what the server renders for). */
  viewportHeight: number;
  /** A row that must stay mounted even when scrolled away (the keyboard-active row). */
  pinnedIndex: number;
}

/**
 * Virtualises rows of a scrolling element with TanStack Virtual. The server and the first client
 * render show the rows of the initial viewport, so markup hydrates. An element measured at zero
 * (collapsed, hidden tab, jsdom) counts as its estimated size: a zero-height viewport or zero-height
 * rows would otherwise mount nothing, or everything.
 */
export function useRowVirtualizer(options: RowVirtualizerOptions): {
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  scrollRef: (element: HTMLDivElement | null) => void;
} {
  const { rows, rowHeight, viewportHeight, pinnedIndex } = options;
  const count = rows.length;
  const element = useRef<HTMLDivElement | null>(null);
  const initialRect = { width: 0, height: viewportHeight };
  // Stable callbacks: a new getItemKey would make the virtualizer re-measure every row on each render.
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? String(index), [rows]);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; TanStack re-renders us itself
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count,
    getScrollElement: () => element.current,
    estimateSize,
    getItemKey,
    overscan: 8,
    initialRect,
    useFlushSync: false,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height > 0 ? rect : { ...rect, height: viewportHeight }),
      ),
    measureElement: (el, entry, instance) => measureElement(el, entry, instance) || rowHeight,
    rangeExtractor: useCallback(
      (range: Range) => {
        const indexes = defaultRangeExtractor(range);
        const keep = pinnedIndex;
        if (keep < 0 || keep >= range.count || indexes.includes(keep)) return indexes;
        return [...indexes, keep].sort((a, b) => a - b);
      },
      [pinnedIndex],
    ),
  });
  const scrollRef = useCallback((node: HTMLDivElement | null) => {
    element.current = node;
  }, []);
  return { virtualizer, scrollRef };
}
