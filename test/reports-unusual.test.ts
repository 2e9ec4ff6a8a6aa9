import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanMonth } from './ingest.support';
import { customerApi, ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's month (its own index) and customer: see cleanTestMonth. */
const MONTH = '2014-10';
const PREFIX = 'itunusual-';
const CUSTOMER = `${PREFIX}acme`;
const DAY = 86_400_000;
const PERIOD = { from: '2014-10-31T00:00:00Z', to: '2014-11-01T00:00:00Z', timeZone: 'UTC' };
const api = customerApi(CUSTOMER);

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  const records: RawRecord[] = [];
  const add = (ts: number, user: string, reason: string) => {
    const r = rawRecord(CUSTOMER, `unusual-${records.length}`, new Date(ts).toISOString());
    Object.assign(r, { reason, result: reason === 'user_approved' ? 'success' : 'denied' });
    r.user = { name: user, key: null, groups: [] };
    records.push(r);
  };
  // Thirty ordinary days, then the period: the same ordinary traffic plus one user locked out again and again.
  const start = Date.parse(PERIOD.from) - 30 * DAY;
  for (let day = 0; day <= 30; day++)
    for (let i = 0; i < 20; i++)
      add(start + day * DAY + i * 3_600_000, ['ann', 'bob', 'cy'][i % 3]!, 'user_approved');
  for (let i = 0; i < 10; i++) add(Date.parse(PERIOD.from) + i * 600_000, 'mallory', 'locked_out');
  await ingestRaw(records);
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await api.close();
});

describe('out of the ordinary', () => {
  it('finds what is new in the period against the 30 days before it, with rates and lift, and leaves normal traffic out', async () => {
    const result = await api.run({ timeRange: PERIOD, view: { type: 'significant' } });
    if (result.view !== 'significant') throw new Error('not significant');
    const found = result.rows.map((r) => `${r.field}=${r.key}`);
    expect(found).toEqual(expect.arrayContaining(['user.name=mallory', 'reason=locked_out']));
    expect(found).not.toContain('reason=user_approved');
    expect(found).not.toContain('access_device.location.country=Germany');
    expect(found.filter((f) => /=(ann|bob|cy)$/.test(f))).toEqual([]);
    const mallory = result.rows.find((r) => r.key === 'mallory')!;
    expect(mallory).toMatchObject({ count: 10, backgroundCount: 0, rate: 10 / 30, backgroundRate: 0 });
    expect(mallory.lift).toBeGreaterThan(100);
  });
});
