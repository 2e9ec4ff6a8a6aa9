/**
 * A cell's width: its column's size, plus a share of whatever width the grid has beyond the columns'
 * total, in proportion to that size. Header and body rows are as wide as each other, so their cells
 * stay aligned; once the columns are wider than the grid it scrolls and each column is its size.
 */
export function fillShare(size: number) {
  return { flexGrow: size, flexShrink: 0, flexBasis: 'auto', width: size } as const;
}

/**
 * The same width as a grid track, for a row laid out as a CSS grid: at least the column's size, and a
 * share of the spare width in proportion to it (`fr`), just as {@link fillShare}'s flex-grow gives.
 */
export function fillShareTracks(sizes: readonly number[]): string {
  return sizes.map((size) => `minmax(${size}px, ${size}fr)`).join(' ');
}
