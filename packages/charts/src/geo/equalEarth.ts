// Equal Earth (Šavrič, Patterson & Jenny 2018), the formula d3-geo's geoEqualEarthRaw implements.
// Inlined: d3-geo's single-file bundle keeps ~10 KB of module-level state alive even for one import.
const A1 = 1.340264;
const A2 = -0.081106;
const A3 = 0.000893;
const A4 = 0.003796;
const M = Math.sqrt(3) / 2;

/** Raw Equal Earth: radians in, unit plane out (y up). */
export function equalEarthRaw(lambda: number, phi: number): [number, number] {
  const l = Math.asin(M * Math.sin(phi));
  const l2 = l * l;
  const l6 = l2 * l2 * l2;
  return [
    (lambda * Math.cos(l)) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2))),
    l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2)),
  ];
}

/** Projects [longitude, latitude] in degrees to SVG pixels. */
export type Project = (lonLat: readonly [number, number]) => [number, number];

const RAD = Math.PI / 180;
/** Half-width and half-height of the whole globe in raw Equal Earth units. */
const HALF_W = equalEarthRaw(Math.PI, 0)[0];
const HALF_H = equalEarthRaw(0, Math.PI / 2)[1];

/**
 * Equal Earth scaled and centred so the whole globe fits the box, the same
 * result as `geoEqualEarth().fitExtent(box, { type: 'Sphere' })`. Using the raw projection instead of
 * d3's projection pipeline (resampling, spherical clipping, geoPath) saves ~5 KB gzip; world-atlas is
 * already cut at the antimeridian and dense enough at 110m that straight segments are exact to a pixel.
 */
export function fitEqualEarth(x0: number, y0: number, x1: number, y1: number): Project {
  const k = Math.min((x1 - x0) / (2 * HALF_W), (y1 - y0) / (2 * HALF_H));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return ([lon, lat]) => {
    const [x, y] = equalEarthRaw(lon * RAD, Math.max(-90, Math.min(90, lat)) * RAD);
    return [cx + k * x, cy - k * y];
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

function ringPath(ring: readonly (readonly number[])[], project: Project, shift: number): string {
  let last = '';
  let count = 0;
  let part = '';
  for (const point of ring) {
    const [x, y] = project([(point[0] ?? 0) + shift, point[1] ?? 0]);
    const xy = `${round(x)},${round(y)}`;
    if (xy === last) continue;
    part += (count === 0 ? 'M' : 'L') + xy;
    last = xy;
    count++;
  }
  return count > 2 ? `${part}Z` : '';
}

/**
 * Makes longitudes continuous where a ring jumps across the antimeridian (Russia, Fiji in 110m),
 * returning the ring and the shifts (±360°) at which to draw a copy; the sphere clip trims both.
 * Rings around a pole (Antarctica) do not come back to their start and are left alone.
 */
export function unwrapRing(ring: readonly (readonly number[])[]): { ring: number[][]; shifts: number[] } {
  let offset = 0;
  let prev: number | undefined;
  let min = Infinity;
  let max = -Infinity;
  const out = ring.map((point) => {
    const lon = point[0] ?? 0;
    if (prev !== undefined && Math.abs(lon - prev) > 180) offset += lon > prev ? -360 : 360;
    prev = lon;
    const unwrapped = lon + offset;
    min = Math.min(min, unwrapped);
    max = Math.max(max, unwrapped);
    return [unwrapped, point[1] ?? 0];
  });
  if (offset !== 0) return { ring: ring.map((p) => [p[0] ?? 0, p[1] ?? 0]), shifts: [0] };
  const shifts = [0];
  if (max > 180) shifts.push(-360);
  if (min < -180) shifts.push(360);
  return { ring: out, shifts };
}

/** SVG path data for polygons given as rings of [lon, lat]; one decimal, repeated points dropped. */
export function ringsToPath(rings: readonly (readonly (readonly number[])[])[], project: Project): string {
  let d = '';
  for (const raw of rings) {
    const { ring, shifts } = unwrapRing(raw);
    for (const shift of shifts) d += ringPath(ring, project, shift);
  }
  return d;
}

/** The outline of the globe: the two bounding meridians, sampled every degree (they are curves). */
export function spherePath(project: Project): string {
  const ring: number[][] = [];
  for (let lat = -90; lat <= 90; lat++) ring.push([-180, lat]);
  for (let lat = 90; lat >= -90; lat--) ring.push([180, lat]);
  return ringsToPath([ring], project);
}

/** Area-weighted centre of the largest outer ring: inside the mainland, not pulled by far islands. */
export function mainCentroid(
  rings: readonly (readonly (readonly number[])[])[],
  project: Project,
): [number, number] {
  let best: [number, number] = [0, 0];
  let bestArea = -1;
  for (const ring of rings) {
    let area = 0;
    let sx = 0;
    let sy = 0;
    const pts = ring.map((p) => project([p[0] ?? 0, p[1] ?? 0]));
    for (let i = 0; i < pts.length; i++) {
      const [ax, ay] = pts[i]!;
      const [bx, by] = pts[(i + 1) % pts.length]!;
      const cross = ax * by - bx * ay;
      area += cross;
      sx += (ax + bx) * cross;
      sy += (ay + by) * cross;
    }
    if (Math.abs(area) > bestArea && area !== 0) {
      bestArea = Math.abs(area);
      best = [sx / (3 * area), sy / (3 * area)];
    }
  }
  return best;
}
