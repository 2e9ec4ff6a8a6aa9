import { useState } from 'react';
import type { FocusEvent, KeyboardEvent, PointerEvent } from 'react';
import type { SeriesBucket, TimeRange } from './types';
import { useBrush } from './useBrush';
import type { StackedAreaLayout } from './useStackedArea';

export interface UseCrosshairOptions {
  /** The chart layout (scales, buckets, visible layers). */
  layout: StackedAreaLayout;
  /** Receives a brushed range, snapped to whole buckets; enables dragging and Shift+arrows. */
  onBrush?: (range: TimeRange) => void;
  /** Receives a clicked band's series, or the keyboard's series on Enter (on Space with `onOpenBucket`). */
  onSelectSeries?: (series: string) => void;
  /** Receives a clicked band's series and bucket, or the keyboard's on Enter. */
  onOpenBucket?: (bucket: SeriesBucket) => void;
  /** Text announced to screen readers when the keyboard moves the crosshair. */
  describe: (index: number, series: string | null) => string;
}

/** Where the crosshair is: a bucket and, if any, the emphasised series. */
export interface CrosshairPosition {
  index: number;
  series: string | null;
}

const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, PageUp: -10, PageDown: 10 };

/**
 * Pointer and keyboard control of the crosshair: hover picks the nearest bucket and the band under
 * the pointer; dragging brushes a range; arrows move across buckets, up/down across series,
 * Shift+arrows extend a range that Enter applies. Only crosshair state changes, never the layout.
 */
export function useCrosshair({
  layout,
  onBrush,
  onSelectSeries,
  onOpenBucket,
  describe,
}: UseCrosshairOptions) {
  const { layers, times } = layout;
  const [hover, setHover] = useState<CrosshairPosition | null>(null);
  const [cursor, setCursor] = useState({ index: 0, series: 0, anchor: null as number | null });
  const [focused, setFocused] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const brush = useBrush();

  const index = Math.min(cursor.index, times.length - 1);
  const series = Math.max(0, Math.min(cursor.series, layers.length - 1));
  const shown =
    hover ?? (focused && times.length > 0 ? { index, series: layers[series]?.key ?? null } : null);
  // Brushes snap to whole buckets, and the drawn selection shows exactly the range onBrush will get.
  const snapped = (first: number, last: number): [number, number] | null => {
    const range = layout.bucketRange(first, last);
    return range && [layout.x(range.from), Math.min(layout.innerWidth, layout.x(range.to))];
  };
  const dragRange = brush.extent && snapped(layout.indexAt(brush.extent[0]), layout.indexAt(brush.extent[1]));
  const keyboardRange = cursor.anchor !== null && focused ? snapped(cursor.anchor, index) : null;

  const openBucket = (index: number, series: string) => {
    const range = layout.bucketRange(index, index);
    if (range && onOpenBucket) onOpenBucket({ series, ...range });
  };

  const plotX = (event: PointerEvent<SVGElement>) =>
    event.clientX - event.currentTarget.getBoundingClientRect().left;
  const plotY = (event: PointerEvent<SVGElement>) =>
    event.clientY - event.currentTarget.getBoundingClientRect().top;

  const pointerProps = {
    onPointerMove: (event: PointerEvent<SVGElement>) => {
      const at = layout.indexAt(plotX(event));
      if (onBrush) brush.move(plotX(event));
      const band = layout.seriesAt(at, plotY(event));
      setHover((prev) =>
        prev && prev.index === at && prev.series === band ? prev : { index: at, series: band },
      );
    },
    onPointerDown: (event: PointerEvent<SVGElement>) => {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture?.(event.pointerId);
      brush.start(plotX(event));
    },
    onPointerUp: (event: PointerEvent<SVGElement>) => {
      const range = brush.end(plotX(event));
      if (range && onBrush) {
        // The buckets under the crosshair at either end, both included, as with the keyboard.
        const time = layout.bucketRange(layout.indexAt(range[0]), layout.indexAt(range[1]));
        if (time) onBrush(time);
      } else if (!range && (onOpenBucket || onSelectSeries)) {
        const at = layout.indexAt(plotX(event));
        const band = layout.seriesAt(at, plotY(event));
        if (band && onOpenBucket) openBucket(at, band);
        else if (band) onSelectSeries?.(band);
      }
    },
    onPointerLeave: () => setHover(null),
    onPointerCancel: brush.cancel,
  };

  const onKeyDown = (event: KeyboardEvent<SVGElement>) => {
    const last = times.length - 1;
    let next = { index, series, anchor: cursor.anchor };
    const step = moves[event.key];
    if (step !== undefined) {
      const anchor = event.shiftKey && onBrush ? (next.anchor ?? index) : null;
      next = { ...next, anchor, index: Math.max(0, Math.min(last, index + step)) };
    } else if (event.key === 'Home') next.index = 0;
    else if (event.key === 'End') next.index = last;
    else if (event.key === 'ArrowUp') next.series = Math.min(layers.length - 1, series + 1);
    else if (event.key === 'ArrowDown') next.series = Math.max(0, series - 1);
    else if (event.key === 'Escape') next.anchor = null;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const range = cursor.anchor === null ? null : layout.bucketRange(cursor.anchor, index);
      if (onBrush && range && cursor.anchor !== index) {
        onBrush(range);
        setCursor({ ...next, anchor: null });
      } else {
        const layer = layers[series];
        if (layer && onOpenBucket && event.key === 'Enter') openBucket(index, layer.key);
        else if (layer && onSelectSeries) onSelectSeries(layer.key);
      }
      return;
    } else return;
    event.preventDefault();
    setHover(null);
    setCursor(next);
    setAnnouncement(describe(next.index, layers[next.series]?.key ?? null));
  };

  const keyboardProps = {
    onKeyDown,
    onFocus: (_event: FocusEvent<SVGElement>) => setFocused(true),
    onBlur: (_event: FocusEvent<SVGElement>) => {
      setFocused(false);
      setCursor((c) => ({ ...c, anchor: null }));
    },
  };

  return {
    /** Crosshair to draw (hover first, then the keyboard's while focused), or null. */
    shown,
    /** Brush rectangle in plot px (pointer drag or keyboard range, snapped to buckets), or null. */
    selection: dragRange ?? keyboardRange,
    /** True while the plot has keyboard focus. */
    focused,
    /** Latest live-region text. */
    announcement,
    pointerProps,
    keyboardProps,
  };
}
