import { describe, expect, it } from 'vitest';
import { healthRange, healthRangeQuerySchema, versionsQuerySchema } from './params';

const issues = (query: Record<string, string>) =>
  healthRangeQuerySchema.safeParse(query).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('the data-health range', () => {
  it('takes a relative span or both bounds, the last 24 hours when none', () => {
    const now = new Date('2026-02-10T12:00:00Z');
    expect(healthRange({}, now)).toEqual({ from: new Date('2026-02-09T12:00:00Z'), to: now });
    expect(healthRange({ last: '7d' }, now).from).toEqual(new Date('2026-02-03T12:00:00Z'));
    expect(healthRange({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, now)).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-02T00:00:00Z'),
    });
    expect(issues({ last: '31d' })).toEqual([]);
  });

  it('refuses each bad range by name', () => {
    expect(issues({ last: '32d' })).toEqual(['last: the range is longer than 31 days']);
    expect(issues({ last: 'week' })).toEqual(["last: expected a relative span such as '1h', '24h', '7d'"]);
    expect(issues({ from: '2026-01-01T00:00:00Z' })).toEqual(['to: to is required with the other bound']);
    expect(issues({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toEqual([
      'from: from is not before to',
    ]);
    expect(issues({ from: '2026-01-01T00:00:00Z', to: '2026-02-02T00:00:01Z' })).toEqual([
      'to: the range is longer than 31 days',
    ]);
    expect(issues({ last: '1h', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).toEqual([
      'last: give either last or from and to, not both',
    ]);
    expect(issues({ from: 'yesterday', to: '2026-01-02T00:00:00Z' })[0]).toMatch(
      /^from: expected an ISO 8601/,
    );
    expect(issues({ size: '3' })[0]).toMatch(/size/);
  });

  it('takes one month for the versions', () => {
    expect(versionsQuerySchema.safeParse({ period: '2026-01' }).success).toBe(true);
    expect(versionsQuerySchema.safeParse({ period: '2026-13' }).error?.issues[0]?.message).toBe(
      'expected a month as YYYY.MM or YYYY-MM',
    );
  });
});
