import { describe, expect, it } from 'vitest';
import { chunksBySize } from './chunks';

describe('chunksBySize', () => {
  it('keeps the order and cuts before a run would pass the limit', () => {
    expect(chunksBySize([3, 3, 3, 5, 1], (n) => n, 6)).toEqual([[3, 3], [3], [5, 1]]);
  });

  it('sends a message larger than the limit on its own rather than dropping it', () => {
    expect(chunksBySize([1, 10, 1], (n) => n, 4)).toEqual([[1], [10], [1]]);
  });

  it('gives nothing to send for nothing', () => {
    expect(chunksBySize([], (n: number) => n, 4)).toEqual([]);
  });
});
