import { useMemo } from 'react';
import type { Project } from './equalEarth';
import type { GeoDatum } from './types';

/** A grid cell drawn as a circle whose area is proportional to its value. */
export interface Bubble<TRow = unknown> {
  datum: GeoDatum<TRow>;
  x: number;
  y: number;
  r: number;
}

/**
 * Projects grid rows and sizes them by a square-root scale (area ∝ value, the honest encoding for
 * circles). Largest first, so small bubbles paint on top and stay hoverable.
 */
export function layoutBubbles<TRow>(
  data: readonly GeoDatum<TRow>[],
  project: Project,
  maxRadius: number,
): Bubble<TRow>[] {
  const max = data.reduce((m, d) => Math.max(m, d.value), 0);
  const bubbles: Bubble<TRow>[] = [];
  for (const datum of data) {
    if (datum.lat === undefined || datum.lon === undefined) continue;
    const point = project([datum.lon, datum.lat]);
    const r = max > 0 ? Math.sqrt(Math.max(0, datum.value) / max) * maxRadius : 0;
    bubbles.push({ datum, x: point[0], y: point[1], r });
  }
  return bubbles.sort((a, b) => b.r - a.r);
}

/** Memoised {@link layoutBubbles}. */
export function useBubbles<TRow>(
  data: readonly GeoDatum<TRow>[],
  project: Project | undefined,
  maxRadius: number,
): Bubble<TRow>[] {
  return useMemo(() => (project ? layoutBubbles(data, project, maxRadius) : []), [data, project, maxRadius]);
}
