import { SightlineApiError } from '@sightline/client';
import { describe, expect, it } from 'vitest';
import { retryDelay, shouldRetry } from './retry';

const refused = (status: number, retryAfter: number | null = null) =>
  new SightlineApiError(status, 'refused', 'refused', { retryAfter });

describe('the retry policy of the connected layer', () => {
  it('tries once more what can pass: the network, a server error, a rate limit', () => {
    for (const error of [refused(0), refused(500), refused(503), refused(429), new TypeError('fetch failed')])
      expect(shouldRetry(0, error)).toBe(true);
  });

  it('never retries a refusal that asking again cannot change', () => {
    for (const status of [400, 401, 403, 404, 413, 422]) expect(shouldRetry(0, refused(status))).toBe(false);
  });

  it('gives up after one retry', () => {
    expect(shouldRetry(1, refused(503))).toBe(false);
  });

  it('waits as long as the API asked, within ten seconds', () => {
    expect(retryDelay(0, refused(429, 3))).toBe(3000);
    expect(retryDelay(0, refused(503, 120))).toBe(10_000);
    expect(retryDelay(0, refused(500))).toBe(1000);
  });
});
