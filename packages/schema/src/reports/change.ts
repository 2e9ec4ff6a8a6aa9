/** How a figure moved between two periods. */
export interface FigureChange {
  /** current - previous. */
  absolute: number;
  /** absolute / previous; null when the previous period had none (no percentage of nothing). */
  relative: number | null;
  direction: 'up' | 'down' | 'same';
}

/** The change from `previous` to `current`. Pure, browser-safe. */
export function figureChange(current: number, previous: number): FigureChange {
  const absolute = current - previous;
  return {
    absolute,
    relative: previous === 0 ? null : absolute / previous,
    direction: absolute > 0 ? 'up' : absolute < 0 ? 'down' : 'same',
  };
}
