import { describe, expect, it } from 'vitest';
import { chooseInterval, type IntervalChoice } from './interval';
import { AUTO_MAX_BUCKETS, MAX_SERIES_YEARS, MAX_TOP, MAX_TOTAL_BUCKETS } from '@sightline/schema/reports';

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

function auto(spanMs: number, stacks = 0): IntervalChoice {
  const picked = chooseInterval(spanMs, 'auto', stacks);
  if (typeof picked === 'string') throw new Error(`auto failed: ${picked}`);
  return picked;
}

describe('chooseInterval', () => {
  it("'auto' steps up to calendar quarters and years for spans of decades", () => {
    expect(auto(20 * YEAR)).toMatchObject({ interval: '1q', es: { calendar_interval: '1q' } });
    expect(auto(150 * YEAR)).toMatchObject({ interval: '1y', es: { calendar_interval: '1y' } });
  });

  it("'auto' buckets a month by whole days in the report's zone, never in halves that alternate day and night", () => {
    expect(auto(30 * DAY, 5)).toMatchObject({ interval: '1d', es: { calendar_interval: '1d' } });
    expect(auto(90 * DAY, 5).interval).toBe('1d');
    // Shorter spans keep a finer grain that draws the day's rhythm as a curve.
    expect(auto(7 * DAY, 5).interval).toBe('1h');
    expect(auto(14 * DAY, 5).interval).toBe('3h');
    // An explicit 12 hours is still honoured.
    expect(chooseInterval(30 * DAY, '12h', 5)).toMatchObject({ interval: '12h' });
  });

  it("'auto' fits the longest series the schema allows, with the most stacks, within every limit", () => {
    const picked = auto(MAX_SERIES_YEARS * YEAR, MAX_TOP);
    expect(picked.buckets).toBeLessThanOrEqual(AUTO_MAX_BUCKETS);
    expect(picked.buckets * (MAX_TOP + 1) + MAX_TOP).toBeLessThanOrEqual(MAX_TOTAL_BUCKETS);
  });

  it("'auto' never fails, even past the schema's cap: it takes the coarsest interval", () => {
    expect(auto(1000 * YEAR).interval).toBe('1y');
  });

  it('refuses an explicit interval that builds too many buckets, suggesting a coarser one', () => {
    expect(chooseInterval(150 * YEAR, '1M', 0)).toMatch(
      /^interval '1M' over this range makes \d+ buckets \(at most 1000\); choose a coarser interval or 'auto'$/,
    );
    expect(chooseInterval(150 * YEAR, '1y', 0)).toMatchObject({ interval: '1y' });
  });
});
