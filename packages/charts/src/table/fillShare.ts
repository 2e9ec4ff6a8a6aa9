/**
 * A cell's width: its column's size, plus a share of whatever width the grid has beyond the columns'
 * total, in proportion to that size. Header and body rows are as wide as each other, so their cells
 * stay aligned; once the columns are wider than the grid it scrolls and each column is its size.
 */
export function fillShare(size: number) {
  return { flexGrow: size, flexShrink: 0, flexBasis: 'auto', width: size } as const;
}
