import { useRef, useState } from 'react';

export interface Brush {
  /** Current selection in plot px while dragging, ordered, or null. */
  extent: [number, number] | null;
  /** Starts a drag at plot x. */
  start: (px: number) => void;
  /** Extends the drag to plot x; returns true while a drag is in progress. */
  move: (px: number) => boolean;
  /** Ends the drag at plot x: returns the px range if it was wide enough to be a brush, else null (a click). */
  end: (px: number) => [number, number] | null;
  /** Abandons the drag. */
  cancel: () => void;
}

/** Horizontal brush state from pointer positions; the chart owns the events and maps px to time. */
export function useBrush(minWidth = 4): Brush {
  const origin = useRef<number | null>(null);
  const [extent, setExtent] = useState<[number, number] | null>(null);
  const order = (a: number, b: number): [number, number] => (a < b ? [a, b] : [b, a]);
  return {
    extent,
    start: (px) => {
      origin.current = px;
      setExtent(null);
    },
    move: (px) => {
      if (origin.current === null) return false;
      if (Math.abs(px - origin.current) >= minWidth) setExtent(order(origin.current, px));
      return true;
    },
    end: (px) => {
      const from = origin.current;
      origin.current = null;
      setExtent(null);
      if (from === null || Math.abs(px - from) < minWidth) return null;
      return order(from, px);
    },
    cancel: () => {
      origin.current = null;
      setExtent(null);
    },
  };
}
