import { describe, expect, it } from 'vitest';
import { judgeFreshness } from './freshness';
import { QUALITY_THRESHOLDS as T } from './thresholds';

const NOW = new Date('2026-03-10T09:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('freshness', () => {
  it('passes a stream whose newest event is exactly at the limit', () => {
    expect(judgeFreshness({ stream: 's', newestEvent: ago(T.freshnessMs) }, T, NOW)).toMatchObject({
      status: 'pass',
      measured: T.freshnessMs,
      threshold: T.freshnessMs,
    });
  });

  it('fails a stream whose newest event is a millisecond past the limit', () => {
    expect(judgeFreshness({ stream: 's', newestEvent: ago(T.freshnessMs + 1) }, T, NOW)).toMatchObject({
      check: 'freshness',
      status: 'fail',
      measured: T.freshnessMs + 1,
    });
  });

  it('fails a stream that loaded batches without a usable event', () => {
    const result = judgeFreshness({ stream: 's', newestEvent: null }, T, NOW);
    expect(result.status).toBe('fail');
    expect(result.detail).toBe('no usable event recorded');
    expect(JSON.parse(JSON.stringify(result)).measured).toBe(Number.MAX_SAFE_INTEGER);
  });
});
