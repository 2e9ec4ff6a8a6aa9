import { useMemo } from 'react';
import { sequentialColors } from './ramp';

/** A stepped (quantized) sequential colour scale: equal-width classes from the domain's low to high end. */
export interface ColorScale {
  /** One colour per class, low to high. */
  colors: readonly string[];
  /** Class boundaries: class i covers [thresholds[i], thresholds[i + 1]); the last class is closed. */
  thresholds: readonly number[];
  /** Index of the class a value falls in. */
  bucketOf: (value: number) => number;
  /** The colour for a value. */
  colorOf: (value: number) => string;
}

/** Rounds a class width up to 1, 2, 2.5 or 5 × 10ⁿ, so legend boundaries read as round numbers. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / power;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Builds the scale from the data values. Zero belongs to the lowest class, never to "no data".
 * Without an explicit domain the classes start at min(0, data) and have a round width.
 */
export function createColorScale(
  values: readonly number[],
  colors: readonly string[],
  domain?: readonly [number, number],
): ColorScale {
  const n = Math.max(1, colors.length);
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  let step: number;
  if (domain && domain[1] > domain[0]) {
    lo = domain[0];
    step = (domain[1] - domain[0]) / n;
  } else {
    step = niceStep((hi - lo) / n);
  }
  const thresholds = Array.from({ length: n + 1 }, (_, i) => lo + step * i);
  const bucketOf = (value: number) => Math.min(n - 1, Math.max(0, Math.floor((value - lo) / step)));
  return { colors, thresholds, bucketOf, colorOf: (value) => colors[bucketOf(value)] ?? colors[0] ?? '' };
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
