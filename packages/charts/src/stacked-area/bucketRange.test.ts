import { bucketRange } from './bucketRange';

const H = 3_600_000;
const times = [0, H, 2 * H, 3 * H];

describe('bucketRange', () => {
  it('runs from the first bucket’s start to the start of the bucket after the last', () => {
    expect(bucketRange(times, 1, 2, H)).toEqual({ from: H, to: 3 * H });
    expect(bucketRange(times, 2, 1, H)).toEqual({ from: H, to: 3 * H });
    expect(bucketRange(times, 0, 0, H)).toEqual({ from: 0, to: H });
  });

  it('ends the final bucket at its start plus the interval', () => {
    expect(bucketRange(times, 0, 3, H)).toEqual({ from: 0, to: 4 * H });
    expect(bucketRange(times, 3, 3, 5 * H)).toEqual({ from: 3 * H, to: 8 * H });
  });

  it('is null for indexes outside the buckets, or a lone bucket with no interval', () => {
    expect(bucketRange(times, -1, 2, H)).toBeNull();
    expect(bucketRange(times, 1, 4, H)).toBeNull();
    expect(bucketRange([5 * H], 0, 0, 0)).toBeNull();
  });
});
