import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_POLICY, retryDelayMs } from './backoff';

const policy = { baseDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 8, timeoutMs: 1000 };

describe('the retry schedule', () => {
  it('doubles after each failure up to the cap, at its longest without jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, policy, 1))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  it('waits between half and all of it: the jitter spreads retries and never makes them too soon', () => {
    expect(retryDelayMs(3, policy, 0)).toBe(2000);
    expect(retryDelayMs(3, policy, 0.5)).toBe(3000);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(4, policy);
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
  });

  it('by default spans about three hours over its twelve attempts', () => {
    const { maxAttempts } = DEFAULT_DELIVERY_POLICY;
    const waits = Array.from({ length: maxAttempts - 1 }, (_, i) =>
      retryDelayMs(i + 1, DEFAULT_DELIVERY_POLICY, 1),
    );
    expect(waits[0]).toBe(10_000);
    expect(Math.max(...waits)).toBe(3_600_000);
    const hours = waits.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(3);
    expect(hours).toBeLessThan(3.5);
  });
});
