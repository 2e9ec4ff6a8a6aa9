import { useMemo } from 'react';
import { sequentialColors } from './ramp';

/** A stepped sequential colour scale: classes of the data's values, light (low) to dark (high). */
export interface ColorScale {
  /** One colour per class, low to high. */
  colors: readonly string[];
  /** Class boundaries: class i covers [thresholds[i], thresholds[i + 1]); the last class is closed. */
  thresholds: readonly number[];
  /** True when every value is a whole number (counts), so a class can be named by its first and last. */
  whole: boolean;
  /** Index of the class a value falls in. */
  bucketOf: (value: number) => number;
  /** The colour for a value. */
  colorOf: (value: number) => string;
}

/** Index of the last threshold at or below `value`, within the classes (thresholds minus the closing one). */
function classIndex(thresholds: readonly number[], value: number): number {
  let lo = 0;
  let hi = thresholds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (thresholds[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** `k` of the ramp's colours, spread from its light end to its dark end. */
function spread(colors: readonly string[], k: number): readonly string[] {
  if (k >= colors.length) return colors;
  if (k === 1) return colors.slice(-1);
  return Array.from({ length: k }, (_, i) => colors[Math.round((i * (colors.length - 1)) / (k - 1))]!);
}

/**
 * Quantile class boundaries: each class holds about as many values as the next, so skewed counts
 * (one country with thousands, most with tens) still spread over every colour, where equal widths
 * put all but the largest in the lowest class. Boundaries are values of the data, so the legend
 * names real edges. Equal values share a class; with no more distinct values than classes, each
 * distinct value is a class of its own.
 */
function quantileThresholds(sorted: readonly number[], n: number): number[] {
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  const max = sorted[sorted.length - 1]!;
  if (distinct.length <= n) return [...distinct, max];
  const rank = new Map(distinct.map((v, i) => [v, i]));
  const thresholds = [distinct[0]!];
  let previous = 0;
  for (let i = 1; i < n; i++) {
    const target = rank.get(sorted[Math.floor((i * sorted.length) / n)]!)!;
    // Past the previous boundary, and leaving one distinct value for each class still to come.
    const at = Math.min(Math.max(target, previous + 1), distinct.length - (n - i));
    thresholds.push(distinct[at]!);
    previous = at;
  }
  thresholds.push(max);
  return thresholds;
}

/**
 * Builds the scale from the data values: quantile classes (see above), or equal-width classes over
 * an explicit `domain`, which keeps colours stable across filters. Zero belongs to the lowest class,
 * never to "no data".
 */
export function createColorScale(
  values: readonly number[],
  colors: readonly string[],
  domain?: readonly [number, number],
): ColorScale {
  const n = Math.max(1, colors.length);
  const finite = values.filter(Number.isFinite);
  const whole = finite.every(Number.isInteger);
  let thresholds: number[];
  if (domain && domain[1] > domain[0]) {
    const step = (domain[1] - domain[0]) / n;
    thresholds = Array.from({ length: n + 1 }, (_, i) => domain[0] + step * i);
  } else if (finite.length === 0) {
    thresholds = [0, 0];
  } else {
    thresholds = quantileThresholds(
      [...finite].sort((a, b) => a - b),
      n,
    );
  }
  const classColors = spread(colors, thresholds.length - 1);
  const bucketOf = (value: number) => classIndex(thresholds, value);
  return {
    colors: classColors,
    thresholds,
    whole,
    bucketOf,
    colorOf: (value) => classColors[bucketOf(value)] ?? classColors[0] ?? '',
  };
}

/**
 * A class's name in a legend, true to its edges: whole numbers by the first and last a class can hold
 * ("5 – 11", "12"), other values by the half-open range it covers ("0.5 – 1.2"); the last class
 * includes its top.
 */
export function classLabel(scale: ColorScale, index: number, format: (value: number) => string): string {
  const from = scale.thresholds[index] ?? 0;
  const to = scale.thresholds[index + 1] ?? from;
  const last = index >= scale.thresholds.length - 2;
  const range = (a: number, b: number) => (b <= a ? format(a) : `${format(a)} – ${format(b)}`);
  if (scale.whole) {
    const first = Math.ceil(from);
    const final = last ? Math.floor(to) : Math.ceil(to) - 1;
    if (final >= first) return range(first, final);
  }
  return range(from, to);
}

/** Options of {@link useColorScale}. */
export interface ColorScaleOptions {
  /** Number of classes when `colors` is not given (default 5). */
  classes?: number;
  /** Class colours, low to high; defaults to `classes` steps of viridis. */
  colors?: readonly string[];
  /** Fixed [low, high] instead of one derived from the data (keeps colours stable across filters). */
  domain?: readonly [number, number];
}

/** Memoised {@link createColorScale}. */
export function useColorScale(values: readonly number[], options: ColorScaleOptions = {}): ColorScale {
  const { classes = 5, colors, domain } = options;
  const lo = domain?.[0];
  const hi = domain?.[1];
  return useMemo(() => {
    const ramp = colors ?? sequentialColors(classes);
    return createColorScale(values, ramp, lo === undefined || hi === undefined ? undefined : [lo, hi]);
  }, [values, colors, classes, lo, hi]);
}
