import { useMemo } from 'react';
import { pie as d3pie } from 'd3-shape';
import { arcCentroid, arcPath } from './arcPath';
import type { DonutAccessors, DonutArc, DonutDatum } from './types';

export interface UseDonutOptions<D> extends DonutAccessors<D> {
  /** Rows to draw. */
  data: readonly D[];
  /** Drawing width in px. */
  width: number;
  /** Drawing height in px. */
  height: number;
  /** Keys of slices the reader has hidden through the legend. */
  hiddenKeys?: ReadonlySet<string>;
  /** Inner radius as a fraction of the outer radius (0 draws a pie). */
  innerRatio?: number;
  /** Room kept around the ring (for the selected slice's offset and the focus ring), in px. */
  margin?: number;
  /** Gap between slices, in radians. */
  padAngle?: number;
}

export interface DonutLayout<D> {
  /** Visible slices with a positive value, in input order. */
  arcs: DonutArc<D>[];
  /** Sum of visible positive values. */
  total: number;
  /** Outer radius in px. */
  radius: number;
  /** Inner radius in px. */
  innerRadius: number;
  /** Builds a slice path for other radii (focus ring, hover offset). */
  pathFor: (arc: Pick<DonutArc<D>, 'startAngle' | 'endAngle'>, inner: number, outer: number) => string;
}

const defaults: Required<DonutAccessors<DonutDatum>> = {
  value: (d) => d.value,
  label: (d) => d.label,
  getKey: (d) => d.key,
  isOther: (d) => d.isOther === true,
};

/** Fills in the default {@link DonutDatum} accessors. */
export function resolveAccessors<D>(accessors: DonutAccessors<D>): Required<DonutAccessors<D>> {
  const base = defaults as unknown as Required<DonutAccessors<D>>;
  return {
    value: accessors.value ?? base.value,
    label: accessors.label ?? base.label,
    getKey: accessors.getKey ?? base.getKey,
    isOther: accessors.isOther ?? base.isOther,
  };
}

/**
 * Donut geometry: d3 pie angles in input order (the query API already sorts, "other" last) and
 * sector paths, memoised on data, size and hidden slices. Rendering is left to the caller.
 */
export function useDonut<D = DonutDatum>(options: UseDonutOptions<D>): DonutLayout<D> {
  const { data, width, height, hiddenKeys, innerRatio = 0.6, margin = 8, padAngle = 0.01 } = options;
  const { value, label, getKey, isOther } = resolveAccessors(options);

  return useMemo(() => {
    const radius = Math.max(0, Math.min(width, height) / 2 - margin);
    const innerRadius = radius * Math.min(Math.max(innerRatio, 0), 0.95);
    const rows = data
      .map((datum, index) => ({ datum, index, key: getKey(datum), value: Math.max(0, value(datum) || 0) }))
      .filter((row) => row.value > 0 && !hiddenKeys?.has(row.key));
    const total = rows.reduce((sum, row) => sum + row.value, 0);
    const angles = d3pie<(typeof rows)[number]>()
      .sort(null)
      .value((row) => row.value)
      .padAngle(rows.length > 1 ? padAngle : 0)(rows);
    const pathFor = (
      a: { startAngle: number; endAngle: number; padAngle?: number },
      inner: number,
      outer: number,
    ) => arcPath(a, inner, outer, radius);
    const arcs = angles.map((a): DonutArc<D> => {
      const row = a.data;
      return {
        datum: row.datum,
        index: row.index,
        key: row.key,
        label: label(row.datum),
        value: row.value,
        isOther: isOther(row.datum),
        share: total > 0 ? row.value / total : 0,
        startAngle: a.startAngle,
        endAngle: a.endAngle,
        path: pathFor(a, innerRadius, radius),
        centroid: arcCentroid(a, innerRadius, radius),
      };
    });
    return { arcs, total, radius, innerRadius, pathFor };
  }, [data, width, height, hiddenKeys, innerRatio, margin, padAngle, value, label, getKey, isOther]);
}
