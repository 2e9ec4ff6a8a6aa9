import { useCallback, useReducer, useRef, useState } from 'react';
import {
  Virtualizer,
  defaultRangeExtractor,
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  type Range,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { useIsomorphicLayoutEffect } from '../shared/useIsomorphicLayoutEffect';

/** Rows kept mounted behind the viewport while it scrolls (ahead of it: the overscan). */
const BEHIND = 1;
/**
 * Rows a scroll mounts per animation frame. A jump (a dragged scrollbar, End) brings a screenful of
 * new rows, whose render, style, layout and paint outgrow a frame on a slow machine: it mounts the
 * rows at the top of the viewport first and the rest in the next frames, as a step of a scroll
 * (three rows) always has (bench/results/dashboard-rows-per-frame.md).
 */
export const ROWS_PER_FRAME = 10;
type ScrollDirection = Virtualizer<HTMLDivElement, HTMLDivElement>['scrollDirection'];

/** Options of {@link useRowVirtualizer}. */
export interface RowVirtualizerOptions {
  /** Number of rows. */
  count: number;
  /**
   * Identifies the row at a display index. Keys measured heights, so sizes follow rows through
   * sorting. Called for every row whenever it changes, so it must be stable and must not build rows.
   */
  getItemKey: (index: number) => number | string;
  /** Height of a collapsed row in px. */
  rowHeight: number;
  /** Height of the scrolling viewport in px (also what the server renders for). */
  viewportHeight: number;
  /** A row that must stay mounted even when scrolled away (the keyboard-active row). */
  pinnedIndex: number;
}

/**
 * Virtualises rows of a scrolling element with TanStack Virtual's core `Virtualizer`, bound to React
 * here rather than through `useVirtualizer`, whose extras (flushSync, direct DOM updates) this table
 * does not use but would pay for in bytes. The server and the first client render show the rows of
 * the initial viewport, so markup hydrates. An element measured at zero (collapsed, hidden tab,
 * jsdom) counts as its estimated size: a zero-height viewport or zero-height rows would otherwise
 * mount nothing, or everything.
 */
export function useRowVirtualizer(options: RowVirtualizerOptions): {
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  scrollRef: (element: HTMLDivElement | null) => void;
} {
  const { count, getItemKey, rowHeight, viewportHeight, pinnedIndex } = options;
  const element = useRef<HTMLDivElement | null>(null);
  // Stable callbacks (getItemKey comes stable from the caller): a new getItemKey would make the
  // virtualizer recompute every row's offset on each render.
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  // Every change of the virtualizer renders again, with the scroll's direction as state: the
  // virtualizer caches the rows to mount until the range extractor or the visible rows change, so a
  // direction of its own (a scroll that stops, a reversal) must give a new extractor.
  const [{ direction }, changed] = useReducer(
    (_: { direction: ScrollDirection }, direction: ScrollDirection) => ({ direction }),
    { direction: null },
  );
  // The keys of the rows mounted by the last commit (keys, not indexes: a sort brings new rows to
  // the same indexes), and what the extractor last chose, in which frame; a new frame (a state of its
  // own) asks the extractor again for the rows a jump left for later.
  const mounted = useRef<ReadonlySet<number | string>>(new Set());
  const mounting = useRef<{ keys: ReadonlySet<number | string>; deferred: boolean; frame: number }>(
    undefined,
  );
  const [frame, nextFrame] = useReducer((n: number) => n + 1, 0);
  const rangeExtractor = useCallback(
    (range: Range) => {
      // While scrolling, the rows behind the viewport are on their way out: one is kept there instead
      // of the whole overscan (5, below).
      let indexes = defaultRangeExtractor(range).filter((i) =>
        direction === 'forward'
          ? i >= range.startIndex - BEHIND
          : direction !== 'backward' || i <= range.endIndex + BEHIND,
      );
      const isMounted = (i: number) => mounted.current.has(getItemKey(i));
      const fresh = indexes.filter((i) => !isMounted(i));
      const deferred = direction !== null && mounted.current.size > 0 && fresh.length > ROWS_PER_FRAME;
      if (deferred) {
        // The viewport's rows from its top first, then those ahead of it; the rest wait a frame.
        const first = new Set(
          fresh
            .sort((a, b) => (a < range.startIndex ? 1 : 0) - (b < range.startIndex ? 1 : 0) || a - b)
            .slice(0, ROWS_PER_FRAME),
        );
        indexes = indexes.filter((i) => isMounted(i) || first.has(i));
      }
      if (pinnedIndex >= 0 && pinnedIndex < range.count && !indexes.includes(pinnedIndex))
        indexes = [...indexes, pinnedIndex].sort((a, b) => a - b);
      mounting.current = { keys: new Set(indexes.map(getItemKey)), deferred, frame };
      return indexes;
    },
    [pinnedIndex, direction, frame, getItemKey],
  );
  const settings: VirtualizerOptions<HTMLDivElement, HTMLDivElement> = {
    count,
    getScrollElement: () => element.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    // Rows kept ahead of a scrolling viewport (beyond each edge at rest): enough for a brisk scroll
    // to find rows ready.
    overscan: 5,
    initialRect: { width: 0, height: viewportHeight },
    scrollToFn: elementScroll,
    observeElementOffset,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height > 0 ? rect : { ...rect, height: viewportHeight }),
      ),
    measureElement: (el, entry, instance) => measureElement(el, entry, instance) || rowHeight,
    onChange: (instance) => changed(instance.scrollDirection),
  };
  // The settings hold `getScrollElement`, which reads the ref later, from the virtualizer's effects.
  /* eslint-disable react-hooks/refs */
  const [virtualizer] = useState(() => new Virtualizer(settings));
  virtualizer.setOptions(settings);
  /* eslint-enable react-hooks/refs */
  useIsomorphicLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useIsomorphicLayoutEffect(() => {
    virtualizer._willUpdate();
    const committed = mounting.current;
    if (!committed) return;
    mounted.current = committed.keys;
    // Only while the extractor still answers for this frame: with no rows (or no viewport) the
    // virtualizer does not ask it, and a next frame would not either.
    if (!committed.deferred || committed.frame !== frame) return;
    const id = requestAnimationFrame(nextFrame);
    return () => cancelAnimationFrame(id);
  });
  const scrollRef = useCallback((node: HTMLDivElement | null) => {
    element.current = node;
  }, []);
  return { virtualizer, scrollRef };
}
