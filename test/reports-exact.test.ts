import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthLogRecord } from '@sightline/schema';
import { cleanTestMonth, esClient } from './ingest.support';
import { customerApi, ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's months (two monthly indices of its own) and customer: see cleanTestMonth. */
const MONTHS = ['2014-01', '2014-02'] as const;
const PREFIX = 'itexact-';
const CUSTOMER = `${PREFIX}acme`;
const CROWD = 1100;
const STARS = { 'star-1': 60, 'star-2': 50, 'star-3': 40 } as const;
const range = { from: '2014-01-01T00:00:00Z', to: '2014-03-01T00:00:00Z', timeZone: 'UTC' };
const api = customerApi(CUSTOMER);
let stored: AuthLogRecord[] = [];

/**
 * Skewed on purpose. January: a crowd of 1,100 users with two attempts each, and each star once, so
 * that no star is in January's local top list (even one of 1,000 terms). February: the stars many
 * times. Overall the stars are the top three, and each loses its January attempt wherever a
 * ranking trusts each index's local list.
 */
function records(): RawRecord[] {
  const out: RawRecord[] = [];
  const add = (user: string, ts: string) => {
    const r = rawRecord(CUSTOMER, `exact-${out.length}`, ts);
    r.user = { name: user, key: `K${user}`, groups: ['Staff'] };
    out.push(r);
  };
  for (let u = 0; u < CROWD; u++) {
    const name = `crowd-${String(u).padStart(4, '0')}`;
    add(name, `2014-01-0${1 + (u % 9)}T10:00:00Z`);
    add(name, `2014-01-1${u % 10}T11:00:00Z`);
  }
  for (const [star, n] of Object.entries(STARS)) {
    add(star, '2014-01-20T09:30:00Z');
    for (let i = 0; i < n; i++) add(star, `2014-02-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z`);
  }
  return out;
}

/** Attempts per user, counted in JS from the records as stored. */
function countsByUser(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of stored) counts.set(r.user.name!, (counts.get(r.user.name!) ?? 0) + 1);
  return counts;
}

beforeAll(async () => {
  const client = esClient();
  for (const month of MONTHS) await cleanTestMonth(client, PREFIX, month);
  await client.close();
  stored = await ingestRaw(records());
});
afterAll(async () => {
  const client = esClient();
  for (const month of MONTHS) await cleanTestMonth(client, PREFIX, month);
  await client.close();
  await api.close();
});

describe('top-N counts across monthly indices are exact', () => {
  it('a breakdown counts a top user outside one index’s local top list in full, and Other is the exact rest', async () => {
    const counts = countsByUser();
    const result = await api.run({
      timeRange: range,
      view: { type: 'breakdown', groupBy: 'user.name', top: 3 },
    });
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    const shown = Object.keys(STARS).map((star) => ({ key: star, label: star, value: counts.get(star) }));
    expect(result.rows.filter((r) => !r.isOther)).toEqual(shown);
    expect(result.total).toBe(stored.length);
    const other = result.rows.find((r) => r.isOther);
    expect(other?.value).toBe(stored.length - shown.reduce((s, r) => s + r.value!, 0));
  });

  it('a stacked series by user carries each top user’s every attempt, bucket by bucket', async () => {
    const result = await api.run({
      timeRange: range,
      view: { type: 'timeseries', stackBy: 'user.name', top: 3, interval: '1w' },
    });
    if (result.view !== 'timeseries') throw new Error('not a time series');
    expect(result.series).toEqual([...Object.keys(STARS), 'Other']);
    const times = result.rows.map((r) => r.t);
    const bucketOf = (ts: string) => times.findLast((t) => t <= Date.parse(ts))!;
    for (const star of Object.keys(STARS)) {
      const want = new Map<number, number>();
      for (const r of stored)
        if (r.user.name === star) want.set(bucketOf(r.ts), (want.get(bucketOf(r.ts)) ?? 0) + 1);
      const got = new Map(result.rows.filter((r) => r.values[star]! > 0).map((r) => [r.t, r.values[star]]));
      expect(got).toEqual(want);
    }
  });
});
