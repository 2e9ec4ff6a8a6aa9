import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinReport } from '@sightline/schema/reports';
import { cleanMonth } from './ingest.support';
import { customerApi, ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's month (its own index) and customers: see cleanTestMonth. */
const MONTH = '2014-11';
const PREFIX = 'itnotavail-';
const DUO = `${PREFIX}duo`;
const RATED = `${PREFIX}rated`;
const timeRange = { from: '2014-11-01T00:00:00Z', to: '2014-12-01T00:00:00Z', timeZone: 'UTC' };
const duo = customerApi(DUO);
const rated = customerApi(RATED);
const riskyIps = { ...builtinReport('risky-ips')!.definition, timeRange };

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  const records: RawRecord[] = [];
  for (let i = 0; i < 20; i++) {
    // Duo v2 records carry no IP reputation at all.
    const plain = rawRecord(DUO, `na-duo-${i}`, `2014-11-1${i % 10}T12:00:00Z`);
    plain.access_device.ip_reputation = null;
    records.push(plain);
    records.push(rawRecord(RATED, `na-rated-${i}`, `2014-11-1${i % 10}T12:00:00Z`));
  }
  await ingestRaw(records);
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await Promise.all([duo.close(), rated.close()]);
});

describe('a report the data cannot answer', () => {
  it('says "not available for this data" for risky IPs over records without IP reputation', async () => {
    const result = await duo.run(riskyIps);
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    expect(result.rows).toEqual([]);
    expect(result.notAvailable?.message).toMatch(/^not available for this data/);
    expect(result.notAvailable?.fields).toEqual([
      'access_device.ip_reputation.is_malicious',
      'access_device.ip_reputation.is_vpn',
      'access_device.ip_reputation.is_tor',
    ]);
  });

  it('reports "none found" as an empty list where the records do carry reputation', async () => {
    const result = await rated.run(riskyIps);
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    expect(result.rows).toEqual([]);
    expect(result.notAvailable).toBeUndefined();
  });
});
