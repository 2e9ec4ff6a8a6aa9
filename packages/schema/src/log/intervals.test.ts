import { describe, expect, it } from 'vitest';
import { bucketLengthMs, INTERVAL_MS, INTERVALS } from './intervals';

describe('interval lengths', () => {
  it('gives fixed intervals their length, days and weeks as 24 hours and 7 days', () => {
    expect(bucketLengthMs('5m')).toBe(300_000);
    expect(bucketLengthMs('3h')).toBe(10_800_000);
    expect(bucketLengthMs('1d')).toBe(86_400_000);
    expect(bucketLengthMs('1w')).toBe(604_800_000);
  });

  it('gives months, quarters, years and anything else no length', () => {
    for (const name of ['1M', '1q', '1y', 'auto', '2h', 'toString', ''])
      expect(bucketLengthMs(name)).toBeUndefined();
  });

  it('has a nominal length for every interval, growing from the finest to the coarsest', () => {
    const lengths = INTERVALS.map((i) => INTERVAL_MS[i]);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });
});
