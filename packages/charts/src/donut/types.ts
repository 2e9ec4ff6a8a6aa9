/** The plain breakdown row the query API returns for a `breakdown` view. */
export interface DonutDatum {
  /** Stable identity of the slice (the bucket key). */
  key: string;
  /** Human label shown in the legend, tooltip and table. */
  label: string;
  /** Slice size (a count); values ≤ 0 draw no slice but stay in the legend and table. */
  value: number;
  /** Marks the "everything else" bucket, drawn muted after the named slices. */
  isOther?: boolean;
}

/** How to read a datum of any shape; each defaults to the {@link DonutDatum} field of the same name. */
export interface DonutAccessors<D> {
  /** Slice size. */
  value?: (datum: D) => number;
  /** Slice label. */
  label?: (datum: D) => string;
  /** Slice key, unique within the data (named `getKey` because React reserves the `key` prop). */
  getKey?: (datum: D) => string;
  /** True for the "other" bucket. */
  isOther?: (datum: D) => boolean;
}

/** One slice with its geometry, as computed by `useDonut`. */
export interface DonutArc<D> {
  /** The input datum. */
  datum: D;
  /** Position of the datum in the input. */
  index: number;
  key: string;
  label: string;
  value: number;
  isOther: boolean;
  /** Share of the visible total, 0–1. */
  share: number;
  /** Start angle in radians, clockwise from 12 o'clock. */
  startAngle: number;
  /** End angle in radians. */
  endAngle: number;
  /** SVG path of the slice, centred on the origin. */
  path: string;
  /** Mid-point of the slice ring, relative to the centre. */
  centroid: [number, number];
}
