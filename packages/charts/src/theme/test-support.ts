/** Test helpers for pattern fills: which pattern a mark is filled with, and what it looks like. */

/** The `<pattern>` a `url(#id)` fill points at, looked up inside the same chart. */
export function patternOf(container: HTMLElement, fill: string | null | undefined): SVGPatternElement | null {
  const id = fill?.match(/^url\(#(.+)\)$/)?.[1];
  return id ? container.querySelector<SVGPatternElement>(`pattern[id="${id}"]`) : null;
}

/** A pattern's colour (its background tile) and the shape drawn over it, to compare two patterns. */
export function look(pattern: SVGPatternElement | null) {
  const [tile, mark] = [...(pattern?.children ?? [])];
  return { color: tile?.getAttribute('fill'), mark: mark?.outerHTML };
}
