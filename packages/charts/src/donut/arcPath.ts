export interface ArcAngles {
  /** Start angle, radians clockwise from 12 o'clock. */
  startAngle: number;
  /** End angle, radians. */
  endAngle: number;
  /** Gap to leave between this slice and its neighbours, radians (measured at `padRadius`). */
  padAngle?: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
const point = (r: number, a: number) => `${round(r * Math.sin(a))},${round(-r * Math.cos(a))}`;

/**
 * SVG path of an annular sector centred on the origin, with d3-shape's angle convention and its
 * parallel-edged padding (the gap has the same width at every radius). Written here instead of
 * d3's `arc()` because that pulls in d3-path and corner rounding: a third of the donut's size budget.
 */
export function arcPath(
  { startAngle, endAngle, padAngle = 0 }: ArcAngles,
  inner: number,
  outer: number,
  padRadius = outer,
): string {
  const span = endAngle - startAngle;
  if (outer <= 0 || span <= 0) return '';
  if (span >= 2 * Math.PI - 1e-6) {
    // A full ring: two half arcs per circle (one SVG arc cannot start and end at the same point).
    const ring = (r: number, sweep: 0 | 1) =>
      `M0,${-r}A${r},${r},0,1,${sweep},0,${r}A${r},${r},0,1,${sweep},0,${-r}Z`;
    return ring(outer, 1) + (inner > 0 ? ring(inner, 0) : '');
  }
  // Shrink each edge by the angle that leaves a gap of constant width padRadius * padAngle.
  const pad = (r: number) =>
    r > 0 && padAngle > 0
      ? Math.min(span / 2, Math.asin(Math.min(1, (padRadius / r) * Math.sin(padAngle / 2))))
      : 0;
  const p1 = pad(outer);
  const p0 = pad(inner);
  const a0 = startAngle + p1;
  const a1 = endAngle - p1;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  let d = `M${point(outer, a0)}A${outer},${outer},0,${large},1,${point(outer, a1)}`;
  if (inner > 0) {
    const b0 = startAngle + p0;
    const b1 = endAngle - p0;
    d += `L${point(inner, b1)}A${inner},${inner},0,${b1 - b0 > Math.PI ? 1 : 0},0,${point(inner, b0)}`;
  } else d += 'L0,0';
  return `${d}Z`;
}

/** Mid-point of the sector's ring, relative to the centre (for tooltips and labels). */
export function arcCentroid(
  { startAngle, endAngle }: ArcAngles,
  inner: number,
  outer: number,
): [number, number] {
  const a = (startAngle + endAngle) / 2;
  const r = (inner + outer) / 2;
  return [r * Math.sin(a), -r * Math.cos(a)];
}
