/** A minimal linear scale (d3-scale would add ~10 KB gzip of interpolators this chart never uses). */
export interface LinearScale {
  (value: number): number;
  /** Maps a range value back to the domain. */
  invert: (pixel: number) => number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** Linear map from `domain` to `range`; a zero-width domain maps to the middle of the range. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((value: number) => (k === 0 ? (r0 + r1) / 2 : r0 + (value - d0) * k)) as LinearScale;
  scale.invert = (pixel) => (k === 0 ? d0 : d0 + (pixel - r0) / k);
  Object.assign(scale, { domain, range });
  return scale;
}
