import { describe, expect, it } from 'vitest';
import { comparisonLabel } from './comparisonLabel';

const week = { from: '2026-07-01T12:00:00.000Z', to: '2026-07-08T12:00:00.000Z' };

describe('the headline comparison label', () => {
  it('names the previous period in the page zone', () => {
    const label = comparisonLabel({ ...week, figures: { attempts: 12 } }, 'UTC', 'en-GB');
    expect(label).toMatch(/^Change against the previous period of equal length: 1 Jul.*8 Jul 2026.*UTC/);
  });

  it('says when the previous period held no attempts, so the changes are not read as a trend', () => {
    const label = comparisonLabel({ ...week, figures: { attempts: 0 } }, 'UTC', 'en-GB');
    expect(label).toMatch(/^No attempts in the previous period of equal length \(1 Jul.*\) to compare with$/);
  });
});
