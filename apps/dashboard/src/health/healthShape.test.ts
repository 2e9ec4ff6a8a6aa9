import { describe, expect, it } from 'vitest';
import type { DataHealthLoads } from '@sightline/client';
import { ageText, loadsChartData, rangeOf, totalOf } from './healthShape';

const counts = (read: number, batches = 1) => ({
  read,
  stored: read - 1,
  duplicates: 1,
  flagged: 0,
  rejected: 0,
  batches,
});
const loads: DataHealthLoads = {
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-02T00:00:00.000Z',
  bucketMs: 3_600_000,
  kinds: [
    {
      kind: 'sink',
      totals: counts(30, 2),
      hours: [
        { t: '2026-01-01T05:00:00.000Z', ...counts(10) },
        { t: '2026-01-01T02:00:00.000Z', ...counts(20) },
      ],
    },
    { kind: 'file', totals: counts(7), hours: [{ t: '2026-01-01T05:00:00.000Z', ...counts(7) }] },
  ],
  sources: [],
  otherSources: 0,
};

describe('shaping the data health for the page', () => {
  it('stacks one measure by loader, an hour per row in time order, an absent loader absent', () => {
    expect(loadsChartData(loads, 'read')).toEqual({
      series: ['sink', 'file'],
      seriesLabels: { sink: 'Firehose sink', file: 'File ingest' },
      rows: [
        { t: Date.parse('2026-01-01T02:00:00.000Z'), values: { sink: 20 } },
        { t: Date.parse('2026-01-01T05:00:00.000Z'), values: { sink: 10, file: 7 } },
      ],
    });
    expect(loadsChartData(loads, 'stored').rows[1]!.values).toEqual({ sink: 9, file: 6 });
  });

  it('sums the totals of every loader', () => {
    expect(totalOf(loads)).toEqual({
      read: 37,
      stored: 35,
      duplicates: 2,
      flagged: 0,
      rejected: 0,
      batches: 3,
    });
  });

  it('says an age in its largest unit and the next', () => {
    expect(ageText(null)).toBe('never');
    expect(ageText(400)).toBe('now');
    expect(ageText(45_000)).toBe('45 s');
    expect(ageText(40 * 60_000)).toBe('40 min');
    expect(ageText(3 * 3_600_000 + 20 * 60_000 + 5_000)).toBe('3 h 20 min');
    expect(ageText(3 * 86_400_000)).toBe('3 d');
  });

  it("passes the page's range on as the API takes it", () => {
    expect(rangeOf({ last: '7d' })).toEqual({ last: '7d' });
    expect(rangeOf({ from: 'a', to: 'b' })).toEqual({ from: 'a', to: 'b' });
  });
});
