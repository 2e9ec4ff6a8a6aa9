import { bucketLabel } from './bucketLabel';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('bucketLabel', () => {
  it('names fixed bucket sizes in words, with the count when it is not one', () => {
    expect(bucketLabel(MINUTE)).toBe('per minute');
    expect(bucketLabel(15 * MINUTE)).toBe('per 15 minutes');
    expect(bucketLabel(HOUR)).toBe('per hour');
    expect(bucketLabel(3 * HOUR)).toBe('per 3 hours');
    expect(bucketLabel(12 * HOUR)).toBe('per 12 hours');
    expect(bucketLabel(DAY)).toBe('per day');
    expect(bucketLabel(7 * DAY)).toBe('per week');
    expect(bucketLabel(30_000)).toBe('per 30 seconds');
  });

  it('names calendar buckets by their unit whatever their length this time', () => {
    expect(bucketLabel(23 * HOUR)).toBe('per day');
    expect(bucketLabel(25 * HOUR)).toBe('per day');
    expect(bucketLabel(28 * DAY)).toBe('per month');
    expect(bucketLabel(31 * DAY)).toBe('per month');
    expect(bucketLabel(90 * DAY)).toBe('per quarter');
    expect(bucketLabel(366 * DAY)).toBe('per year');
  });

  it('says nothing when the size is unknown', () => {
    expect(bucketLabel(0)).toBeNull();
    expect(bucketLabel(Number.NaN)).toBeNull();
  });
});
