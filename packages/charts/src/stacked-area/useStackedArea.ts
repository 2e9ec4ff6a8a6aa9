import { useMemo } from 'react';
import { bisectCenter, nice, ticks as numberTicks } from 'd3-array';
import { area, stack, stackOffsetExpand, stackOffsetNone } from 'd3-shape';
import type { Series, SeriesPoint } from 'd3-shape';
import { linearScale } from './linearScale';
import type { LinearScale } from './linearScale';
import { bucketRange } from './bucketRange';
import { inferInterval, prepareRows } from './prepareRows';
import { timeTicks } from './timeTicks';
import type { StackOffset, TimeRange, TimeSeriesData, TimeSeriesRow } from './types';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface UseStackedAreaOptions {
  /** Series and buckets as the query API returns them. */
  data: TimeSeriesData;
  /** Drawing width in px (including margins). */
  width: number;
  /** Drawing height in px (including margins). */
  height: number;
  /** Room for the axes. */
  margin: Margin;
  /** Absolute stack or 100% per bucket. */
  offset?: StackOffset;
  /** Series the reader has hidden. */
  hiddenSeries?: ReadonlySet<string>;
  /** Bucket length in ms, used to fill gaps; inferred from the data when absent. */
  interval?: number;
  /** IANA time zone for tick alignment and labels. */
  timeZone?: string;
  /** Locale for tick labels. */
  locale?: string;
}

/** One stacked series with its drawn path. */
export interface StackedLayer {
  key: string;
  /** Position in `data.series`, for stable colours while others are hidden. */
  seriesIndex: number;
  /** SVG path of the band. */
  path: string;
  /** Per bucket [lower, upper] stack bounds, in data units. */
  points: Series<TimeSeriesRow, string>;
}

export interface StackedAreaLayout {
  /** Sorted buckets with gaps filled by zero buckets. */
  rows: TimeSeriesRow[];
  /** Bucket start times, ascending. */
  times: number[];
  /** Bucket length in ms: the `interval` option, or inferred from the data (0 for a lone bucket). */
  interval: number;
  /** Visible layers, bottom first. */
  layers: StackedLayer[];
  x: LinearScale;
  y: LinearScale;
  xTicks: { value: number; position: number; label: string }[];
  yTicks: { value: number; position: number }[];
  innerWidth: number;
  innerHeight: number;
  /** Nearest bucket to a plot x position (px from the plot's left edge). */
  indexAt: (px: number) => number;
  /** Visible series whose band contains a plot y position at a bucket, or null. */
  seriesAt: (index: number, py: number) => string | null;
  /** Time range covering buckets `first`..`last` whole (start of the first to end of the last), or null. */
  bucketRange: (first: number, last: number) => TimeRange | null;
}

const bandValue = (row: TimeSeriesRow, key: string) => {
  const v = row.values[key];
  return typeof v === 'number' && v > 0 ? v : 0;
};

/**
 * Stacked-area geometry: gap filling, d3 stack (absolute or expand), scales, zone-aware ticks and
 * one path per series. Each stage is memoised on its own inputs, so hovering (which changes none of
 * them) never recomputes a path.
 */
export function useStackedArea(options: UseStackedAreaOptions): StackedAreaLayout {
  const {
    data,
    width,
    height,
    margin,
    offset = 'none',
    hiddenSeries,
    interval,
    timeZone = 'UTC',
    locale = 'en-US',
  } = options;
  const rows = useMemo(() => prepareRows(data.rows, interval), [data.rows, interval]);
  const times = useMemo(() => rows.map((r) => r.t), [rows]);
  const step = useMemo(() => interval ?? inferInterval(times), [interval, times]);
  // Counts come in whole numbers, and an axis reading 0.2 attempts would describe an impossible value.
  const wholeValues = useMemo(
    () => rows.every((row) => Object.values(row.values).every((v) => Number.isInteger(v))),
    [rows],
  );

  const stacked = useMemo(() => {
    const visible = data.series.filter((key) => !hiddenSeries?.has(key));
    return stack<TimeSeriesRow, string>()
      .keys(visible)
      .value(bandValue)
      .offset(offset === 'expand' ? stackOffsetExpand : stackOffsetNone)(rows);
  }, [rows, data.series, hiddenSeries, offset]);

  const innerWidth = Math.max(0, width - margin.left - margin.right);
  const innerHeight = Math.max(0, height - margin.top - margin.bottom);

  const geometry = useMemo(() => {
    const start = times[0] ?? 0;
    const end = times[times.length - 1] ?? start;
    const x = linearScale([start, end], [0, innerWidth]);
    let max = 0;
    const top = stacked[stacked.length - 1];
    if (top) for (const point of top) if (point[1] > max) max = point[1];
    const [, yMax] = offset === 'expand' ? [0, 1] : nice(0, max || 1, 5);
    const y = linearScale([0, yMax], [innerHeight, 0]);
    const shape = area<SeriesPoint<TimeSeriesRow>>()
      .x((_, i) => x(times[i] ?? start))
      .y0((p) => y(p[0] || 0))
      .y1((p) => y(p[1] || 0))
      .digits(1);
    const layers = stacked.map((points) => ({
      key: points.key,
      seriesIndex: data.series.indexOf(points.key),
      path: shape(points) ?? '',
      points,
    }));
    const tickSet = timeTicks(start, end, Math.max(2, Math.floor(innerWidth / 90)), timeZone, locale);
    const xTicks = tickSet.ticks
      .filter((t) => t >= start && t <= end)
      .map((t) => ({ value: t, position: x(t), label: tickSet.format(t) }));
    // d3's steps below 1 (0.5, 0.2, 0.1…) divide 1, so keeping the whole ticks keeps every integer.
    const yTicks = numberTicks(0, yMax, Math.max(2, Math.floor(innerHeight / 50)))
      .filter((value) => offset === 'expand' || !wholeValues || Number.isInteger(value))
      .map((value) => ({ value, position: y(value) }));
    return { x, y, layers, xTicks, yTicks };
  }, [times, stacked, innerWidth, innerHeight, offset, wholeValues, data.series, timeZone, locale]);

  return useMemo(() => {
    const { x, y, layers } = geometry;
    const indexAt = (px: number) =>
      times.length === 0 ? -1 : Math.min(times.length - 1, bisectCenter(times, x.invert(px)));
    const seriesAt = (index: number, py: number) => {
      const value = y.invert(py);
      for (const layer of layers) {
        const point = layer.points[index];
        if (point && value >= point[0] && value <= point[1] && point[1] > point[0]) return layer.key;
      }
      return null;
    };
    return {
      rows,
      times,
      interval: step,
      ...geometry,
      innerWidth,
      innerHeight,
      indexAt,
      seriesAt,
      bucketRange: (first: number, last: number) => bucketRange(times, first, last, step),
    };
  }, [rows, times, step, geometry, innerWidth, innerHeight]);
}
