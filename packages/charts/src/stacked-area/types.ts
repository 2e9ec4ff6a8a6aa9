/** One time bucket: its start and a value per series (missing series count as zero). */
export interface TimeSeriesRow {
  /** Bucket start, epoch ms. */
  t: number;
  /** Value per series key. */
  values: Record<string, number>;
}

/** The plain shape the query API returns for a `timeseries` view. */
export interface TimeSeriesData {
  /** Series keys, in stacking order (first at the bottom). */
  series: string[];
  /** Buckets; need not be sorted and may have gaps. */
  rows: TimeSeriesRow[];
  /** Display labels per series key (defaults to the key). */
  seriesLabels?: Record<string, string>;
}

/** Stack offset: absolute values, or normalised to 100% per bucket. */
export type StackOffset = 'none' | 'expand';

/** A brushed time range, epoch ms, `from` < `to`. */
export interface TimeRange {
  from: number;
  to: number;
}

/** One series in one bucket: what a click on a band (or Enter at the keyboard's crosshair) points at. */
export interface SeriesBucket extends TimeRange {
  /** The series' key. */
  series: string;
}
