import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords, type GeneratedRecord } from '../packages/query-api/src/generate';
import { ingest, RejectFile, type SourceItem } from '../packages/query-api/src/ingest';
import {
  countBy,
  countCustomers,
  cleanTestMonth,
  duplicateTxids,
  esClient,
  termCounts,
} from './ingest.support';

/** This file's month (its own index) and customers: see cleanTestMonth. */
const MONTH = '2012-01';
const PREFIX = 'itest-counts-';
const N = 50_000;
const client = esClient();
const records: GeneratedRecord[] = Array.from(
  generateRecords({
    seed: 'itest-counts',
    count: N,
    end: new Date('2012-01-28T00:00:00Z'),
    days: 20,
    customerPrefix: PREFIX,
  }),
);
const FIELDS = ['customer_id', 'result', 'reason', 'access_device.location.country', 'quality'] as const;

function expected(): Record<(typeof FIELDS)[number], Record<string, number>> {
  const flags: Record<string, number> = {};
  for (const r of records) {
    // The generator's messy values the normaliser flags: ports on IPs and the "unknown" email.
    if (/:\d+$/.test(r.access_device.ip ?? '') && !/^[0-9a-f:]+$/.test(r.access_device.ip ?? '')) {
      flags.ip_with_port = (flags.ip_with_port ?? 0) + 1;
    }
    if (r.email === 'unknown') flags.email_unknown = (flags.email_unknown ?? 0) + 1;
  }
  return {
    customer_id: countBy(records, (r) => r.customer_id),
    result: countBy(records, (r) => r.result),
    reason: countBy(records, (r) => r.reason),
    'access_device.location.country': countBy(records, (r) => r.access_device.location.country),
    quality: flags,
  };
}

async function ingestAll() {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-itest-'));
  const items = records.map((value, i): SourceItem => ({ line: i + 1, value }));
  return ingest(client, { items, rejects: new RejectFile(join(dir, 'rejects.ndjson')), refresh: true });
}

describe('ingesting 50k generated records', () => {
  beforeAll(() => cleanTestMonth(client, PREFIX, MONTH));
  afterAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    await client.close();
  });

  it('stores every record, and Elasticsearch counts per customer, result, reason and country match JS', async () => {
    const summary = await ingestAll();
    expect(summary).toMatchObject({ read: N, indexed: N, rejected: 0 });
    expect(await countCustomers(client, PREFIX)).toBe(N);
    const want = expected();
    expect(Object.keys(want.customer_id)).toHaveLength(6);
    expect(await termCounts(client, PREFIX, FIELDS)).toEqual(want);
    expect(summary.flagged).toBeGreaterThan(0);
  });

  it('re-ingesting the same records leaves exactly the same totals', async () => {
    const summary = await ingestAll();
    expect(summary).toMatchObject({ read: N, indexed: N, rejected: 0 });
    expect(await countCustomers(client, PREFIX)).toBe(N);
    expect(await termCounts(client, PREFIX, FIELDS)).toEqual(expected());
    expect(await duplicateTxids(client, PREFIX)).toEqual([]);
  });
});
