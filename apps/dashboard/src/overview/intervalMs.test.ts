import { describe, expect, it } from 'vitest';
import { intervalMs } from './intervalMs';

describe('interval lengths', () => {
  it('reads fixed intervals and refuses calendar months', () => {
    expect(intervalMs('5m')).toBe(300_000);
    expect(intervalMs('3h')).toBe(10_800_000);
    expect(intervalMs('1w')).toBe(604_800_000);
    expect(intervalMs('1M')).toBeUndefined();
    expect(intervalMs('auto')).toBeUndefined();
  });
});
