import { describe, expect, it } from 'vitest';
import { DAILY_CUBES } from './cubes';
import { dailyAggregation, dailyDoc } from './daily';

const USERS_DAILY = DAILY_CUBES.find((c) => c.name === 'users_daily')!;
const DAY = Date.parse('2026-11-02T00:00:00Z');
const bucket = (user: string | null, doc_count: number) => ({
  key: { f0: 'authentication', f1: 'denied', f2: user },
  doc_count,
});

describe('daily summary documents', () => {
  it('add up the hourly users documents of one customer and UTC day, weighted by the records each stands for', () => {
    const search = dailyAggregation(USERS_DAILY, 'acme', { from: DAY, to: DAY + 86_400_000 });
    expect(search.index).toBe('sightline-summary-users-v3');
    expect(search.query).toEqual({
      bool: {
        filter: [
          { term: { customer_id: 'acme' } },
          { range: { ts: { gte: DAY, lt: DAY + 86_400_000, format: 'epoch_millis' } } },
          { term: { summary_cube: 'users' } },
        ],
      },
    });
    // No country: users a day, not users a country an hour.
    expect(JSON.stringify(search.aggs)).not.toContain('country');
  });

  it('stand for their records by _doc_count at the start of their day, and leave a missing value out', () => {
    const doc = dailyDoc(USERS_DAILY, 'acme', DAY, bucket('alice', 140));
    expect(doc.source).toEqual({
      customer_id: 'acme',
      ts: '2026-11-02T00:00:00.000Z',
      summary_cube: 'users_daily',
      summary_key: doc.id,
      _doc_count: 140,
      event_type: 'authentication',
      result: 'denied',
      'user.name': 'alice',
    });
    expect(dailyDoc(USERS_DAILY, 'acme', DAY, bucket(null, 3)).source).not.toHaveProperty('user.name');
  });

  it('are named by what they count, so a recomputed day overwrites them', () => {
    const a = dailyDoc(USERS_DAILY, 'acme', DAY, bucket('alice', 140));
    expect(dailyDoc(USERS_DAILY, 'acme', DAY, bucket('alice', 141)).id).toBe(a.id);
    expect(dailyDoc(USERS_DAILY, 'acme', DAY + 86_400_000, bucket('alice', 140)).id).not.toBe(a.id);
    expect(dailyDoc(USERS_DAILY, 'globex', DAY, bucket('alice', 140)).id).not.toBe(a.id);
    expect(dailyDoc(USERS_DAILY, 'acme', DAY, bucket('bob', 140)).id).not.toBe(a.id);
  });
});
