import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanMonth } from './ingest.support';
import { customerApi, ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's month (its own index) and customer: see cleanTestMonth. */
const MONTH = '2014-08';
const PREFIX = 'itrate-';
const CUSTOMER = `${PREFIX}acme`;
const timeRange = { from: '2014-08-01T00:00:00Z', to: '2014-09-01T00:00:00Z', timeZone: 'UTC' };
const api = customerApi(CUSTOMER);

/** Applications with their attempts and failed attempts: the busiest is not the one that fails most. */
const APPS: [name: string, attempts: number, failed: number][] = [
  ['Mail', 200, 4],
  ['VPN', 50, 10],
  ['Wiki', 20, 10],
  ['Payroll', 3, 3],
];

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  const records: RawRecord[] = [];
  for (const [name, attempts, failed] of APPS)
    for (let i = 0; i < attempts; i++) {
      const r = rawRecord(CUSTOMER, `rate-${records.length}`, `2014-08-1${i % 10}T12:00:00Z`);
      r.application = { name, key: `K${name}`, type: 'SAML' };
      if (i < failed) Object.assign(r, { result: 'denied', reason: 'deny_unenrolled_user' });
      records.push(r);
    }
  await ingestRaw(records);
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await api.close();
});

describe('which applications fail most', () => {
  it('ranks by failure rate, not by attempts, leaving out groups with too few attempts to judge', async () => {
    const result = await api.run({
      timeRange,
      view: { type: 'breakdown', groupBy: 'application.name', metric: 'failure_rate', top: 3, other: false },
    });
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    expect(result.rows.map((r) => [r.key, r.value])).toEqual([
      ['Wiki', 0.5],
      ['VPN', 0.2],
      ['Mail', 0.02],
    ]);
    expect(result.minAttempts).toBe(10);
    expect(result.total).toBe(27 / 273);
  });
});
