import { describe, expect, it } from 'vitest';
import { poissonTailLog10 } from './poisson';

describe('poissonTailLog10', () => {
  it('matches the Poisson tail where it is known in closed form', () => {
    expect(poissonTailLog10(1, 1)).toBeCloseTo(Math.log10(1 - Math.exp(-1)), 10);
    expect(poissonTailLog10(0, 3)).toBe(0);
    // P(X >= 10 | mean 1) = 1.1142e-7
    expect(10 ** poissonTailLog10(10, 1)).toBeCloseTo(1.1142e-7, 10);
  });

  it('stays finite and ordered far below the smallest double', () => {
    const a = poissonTailLog10(500, 0.5);
    const b = poissonTailLog10(600, 0.5);
    expect(Number.isFinite(a)).toBe(true);
    expect(b).toBeLessThan(a);
    expect(a).toBeLessThan(-300);
  });

  it('is certain for a count no one could miss and impossible on an empty baseline', () => {
    expect(poissonTailLog10(1, 1000)).toBeCloseTo(0, 10);
    expect(poissonTailLog10(3, 0)).toBe(-Infinity);
  });
});
