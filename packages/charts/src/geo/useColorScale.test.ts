import { describe, expect, it } from 'vitest';
import { failuresByCountry } from './fixtures';
import { sequentialColors } from './ramp';
import { classLabel, createColorScale } from './useColorScale';

const colors = sequentialColors(5);
const labels = (scale: ReturnType<typeof createColorScale>) =>
  scale.colors.map((_, i) => classLabel(scale, i, (v) => v.toLocaleString('en-US')));

describe('colour scale', () => {
  it('spreads skewed counts over every class, where equal widths would leave all but the largest in the lowest', () => {
    const values = failuresByCountry.map((row) => row.value);
    const scale = createColorScale(values, colors);
    const perClass = [0, 0, 0, 0, 0];
    for (const v of values) perClass[scale.bucketOf(v)]! += 1;
    // 18 countries from 0 to 18,231: three or four in each class.
    expect(perClass).toEqual([3, 4, 3, 4, 4]);
    expect(scale.bucketOf(18_231)).toBe(4);
    expect(scale.bucketOf(95)).toBe(0);
    expect(scale.bucketOf(120)).toBe(1);
  });

  it('names each class by the counts it holds, edges taken from the data', () => {
    const scale = createColorScale([1, 3, 5, 12, 40, 300, 500, 8000], colors);
    expect(scale.thresholds).toEqual([1, 3, 12, 40, 500, 8000]);
    expect(labels(scale)).toEqual(['1 – 2', '3 – 11', '12 – 39', '40 – 499', '500 – 8,000']);
    for (const [value, label] of [
      [1, '1 – 2'],
      [5, '3 – 11'],
      [300, '40 – 499'],
      [8000, '500 – 8,000'],
    ] as const)
      expect(labels(scale)[scale.bucketOf(value)]).toBe(label);
  });

  it('keeps equal values in one class and never leaves a class empty of distinct values', () => {
    const scale = createColorScale([1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 9000], colors);
    expect(scale.thresholds).toEqual([1, 2, 3, 4, 5, 9000]);
    expect([1, 2, 3, 4, 5, 9000].map(scale.bucketOf)).toEqual([0, 1, 2, 3, 4, 4]);
  });

  it('uses fewer classes than colours when there are fewer distinct values, still light to dark', () => {
    const scale = createColorScale([0, 7, 7, 7000], colors);
    expect(scale.colors).toEqual([colors[0], colors[2], colors[4]]);
    expect(labels(scale)).toEqual(['0 – 6', '7 – 6,999', '7,000']);
    expect([0, 7, 7000].map(scale.colorOf)).toEqual([colors[0], colors[2], colors[4]]);
    // Zero is the lowest class, never "no data".
    expect(scale.bucketOf(0)).toBe(0);
  });

  it('names classes of fractional values by the half-open range they cover', () => {
    const scale = createColorScale([0.1, 0.25, 0.5, 0.75, 0.9, 1.2], colors);
    expect(labels(scale)[0]).toBe('0.1 – 0.25');
    expect(labels(scale).at(-1)).toBe('0.9 – 1.2');
  });

  it('honours a fixed domain with equal classes, so colours keep their meaning across filters', () => {
    const scale = createColorScale([5], ['a', 'b'], [0, 100]);
    expect(scale.colorOf(5)).toBe('a');
    expect(scale.colorOf(50)).toBe('b');
    expect(labels(scale)).toEqual(['0 – 49', '50 – 100']);
  });
});
