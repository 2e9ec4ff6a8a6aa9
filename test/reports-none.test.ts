import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthLogRecord } from '@sightline/schema';
import { cleanMonth } from './ingest.support';
import { customerApi, ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's month (its own index) and customer: see cleanTestMonth. */
const MONTH = '2014-06';
const PREFIX = 'itnone-';
const CUSTOMER = `${PREFIX}acme`;
const timeRange = { from: '2014-06-01T00:00:00Z', to: '2014-07-01T00:00:00Z', timeZone: 'UTC' };
const api = customerApi(CUSTOMER);
let stored: AuthLogRecord[] = [];

/** Reasons and groups as people have them: some missing, some users in several groups, some in none. */
const SHAPES: [reason: string | null, groups: string[], n: number][] = [
  ['user_approved', ['Staff'], 8],
  ['invalid_passcode', ['Staff', 'Admins'], 5],
  ['locked_out', ['Contractors'], 3],
  ['no_response', ['Admins', 'Finance', 'Staff'], 2],
  [null, [], 6],
  [null, ['Finance'], 1],
];

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  const records: RawRecord[] = [];
  for (const [reason, groups, n] of SHAPES)
    for (let i = 0; i < n; i++) {
      const r = rawRecord(CUSTOMER, `none-${records.length}`, `2014-06-1${i}T12:00:00Z`);
      r.reason = reason;
      r.user = { name: `u${records.length}`, key: null, groups };
      records.push(r);
    }
  stored = await ingestRaw(records);
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await api.close();
});

describe('missing values and multi-valued fields', () => {
  it('records without a reason are a None row of their own, and Other is only the reasons outside the top', async () => {
    const result = await api.run({ timeRange, view: { type: 'breakdown', groupBy: 'reason', top: 2 } });
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    const none = stored.filter((r) => r.reason === null).length;
    expect(result.rows.map((r) => [r.key, r.value])).toEqual([
      ['user_approved', 8],
      ['invalid_passcode', 5],
      ['__none__', none],
      ['__other__', stored.length - 8 - 5 - none],
    ]);
    expect(result.total).toBe(stored.length);
  });

  it('a record counts once per group, and users without a group appear under None', async () => {
    const result = await api.run({ timeRange, view: { type: 'breakdown', groupBy: 'user.groups', top: 2 } });
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    const perGroup = new Map<string, number>();
    for (const r of stored) for (const g of r.user.groups ?? []) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    const values = [...perGroup.values()].reduce((a, b) => a + b, 0);
    const noGroup = stored.filter((r) => (r.user.groups ?? []).length === 0).length;
    expect(result.rows.map((r) => [r.key, r.value])).toEqual([
      ['Staff', perGroup.get('Staff')],
      ['Admins', perGroup.get('Admins')],
      ['__none__', noGroup],
      ['__other__', values - perGroup.get('Staff')! - perGroup.get('Admins')!],
    ]);
    expect(result.total).toBe(stored.length);
  });

  it('a series stacked by reason draws records without one as None, not Other', async () => {
    const result = await api.run({
      timeRange,
      view: { type: 'timeseries', stackBy: 'reason', top: 1, interval: '1M' },
    });
    if (result.view !== 'timeseries') throw new Error('not a time series');
    expect(result.series).toEqual(['user_approved', 'None', 'Other']);
    const sums = Object.fromEntries(
      result.series.map((s) => [s, result.rows.reduce((sum, r) => sum + (r.values[s] ?? 0), 0)]),
    );
    const none = stored.filter((r) => r.reason === null).length;
    expect(sums).toEqual({ user_approved: 8, None: none, Other: stored.length - 8 - none });
  });
});
