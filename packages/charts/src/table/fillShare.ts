/** No column narrows below this, however little room the grid has. */
const SMALLEST_COLUMN = 64;

/** A column's width: its size, and how far it may narrow (its `shrinkTo`, if set). */
export interface ColumnWidth {
  size: number;
  shrinkTo?: number | undefined;
}

/**
 * The narrowest a column gets when the grid is narrower than the columns' total: a share of its
 * size, so every column stays in view (its text cut with an ellipsis) before the grid has to scroll
 * sideways; or its own `shrinkTo`, for text of little use cut short (a time and its zone).
 */
export function shrunkSize({ size, shrinkTo }: ColumnWidth): number {
  return Math.min(size, shrinkTo ?? Math.max(SMALLEST_COLUMN, Math.round(size * 0.6)));
}

/**
 * A cell's width: its column's size, then in proportion to that size a share of whatever width the
 * grid has beyond the columns' total, or of what it lacks, down to {@link shrunkSize}. Header and
 * body rows are as wide as each other, so their cells stay aligned; only once every column is at its
 * narrowest does the grid scroll.
 */
export function fillShare(column: ColumnWidth) {
  const { size } = column;
  return {
    flexGrow: size,
    flexShrink: 1,
    flexBasis: size,
    width: size,
    minWidth: shrunkSize(column),
  } as const;
}

/**
 * The same width as a grid track, for a row laid out as a CSS grid: at least the column's narrowest,
 * and a share of the width in proportion to its size (`fr`), just as {@link fillShare} gives.
 */
export function fillShareTracks(columns: readonly ColumnWidth[]): string {
  return columns.map((column) => `minmax(${shrunkSize(column)}px, ${column.size}fr)`).join(' ');
}
