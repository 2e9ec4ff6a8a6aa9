import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { generateRecords } from '../packages/query-api/src/generate';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import type { FilterNode, LogResult, LogSort } from '@sightline/schema/reports';
import type { AuthLogRecord } from '@sightline/schema';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { cleanTestMonth, esClient } from './ingest.support';
import { matches } from './reports.support';

/**
 * Paging the log must return every matching record exactly once, in order, however many records share
 * a timestamp: bulk imports and coarse clocks produce such ties, and time-ordered pages are fetched in
 * two steps (a probe bounds the window, then the page itself) that must agree at the edges.
 */
const PREFIX = 'itlog-';
const CUSTOMER = `${PREFIX}acme`;
const MONTH = '2012-05';
const END = new Date('2012-05-20T00:00:00Z');
const WINDOW = { from: '2012-05-01T00:00:00Z', to: '2012-05-21T00:00:00Z' };
const client = esClient();
const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
const app = createApp({
  es,
  tokens: createTokenStore([{ name: 't', sha256: hashToken('tok'), customer: CUSTOMER, admin: false }]),
});
let stored: AuthLogRecord[] = [];

/** A few distinct instants for most records, so that pages end in the middle of ties. */
function withTies(record: AuthLogRecord, i: number): AuthLogRecord {
  const instants = ['2012-05-10T08:00:00.000Z', '2012-05-10T08:00:00.001Z', '2012-05-12T23:59:59.999Z'];
  return i % 5 === 4 ? record : { ...record, ts: instants[i % instants.length]! };
}

beforeAll(async () => {
  await cleanTestMonth(client, PREFIX, MONTH);
  const generated = [
    ...generateRecords({ seed: 'log-paging', count: 260, days: 15, end: END, customerPrefix: PREFIX }),
  ];
  const records = generated
    .map((r) => ({ ...r, ingested_at: END.toISOString() }) as AuthLogRecord)
    .map(withTies)
    .filter((r) => r.customer_id === CUSTOMER);
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-log-')), 'rejects.ndjson'));
  const items = records.map((value, i) => ({ line: i + 1, value }));
  await ingest(client, { items: items[Symbol.iterator](), rejects, refresh: true });
  stored = records;
});
afterAll(async () => {
  await cleanTestMonth(client, PREFIX, MONTH);
  await client.close();
  await es.close();
});

async function walk(sort: LogSort[], pageSize: number, filters?: FilterNode) {
  const seen: { txid: string; ts: string }[] = [];
  let cursor: string | null = null;
  let total = -1;
  for (let page = 0; page < 1000; page += 1) {
    const definition = {
      timeRange: WINDOW,
      ...(filters ? { filters } : {}),
      view: { type: 'log', columns: ['ts', 'txid'], sort, pageSize, ...(cursor ? { cursor } : {}) },
    };
    const res = await app.request('/api/reports/run', {
      method: 'POST',
      headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
      body: JSON.stringify(definition),
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as LogResult;
    if (page === 0) total = result.total;
    else expect(result.total).toBe(total);
    seen.push(...result.rows.map((r) => ({ txid: r.txid, ts: r.ts })));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return { seen, total };
}

function expected(order: 'asc' | 'desc', filters?: FilterNode) {
  const sign = order === 'desc' ? -1 : 1;
  return stored
    .filter((r) => !filters || matches(r, filters))
    .map((r) => ({ txid: r.txid, ts: new Date(r.ts).toISOString() }))
    .sort((a, b) => sign * (Date.parse(a.ts) - Date.parse(b.ts)) || (a.txid < b.txid ? -1 : 1));
}

const iso = (rows: { txid: string; ts: string }[]) =>
  rows.map((r) => ({ txid: r.txid, ts: new Date(r.ts).toISOString() }));

describe('paging the log through tied timestamps', () => {
  it('has enough ties to cross page edges', () => {
    expect(stored.length).toBeGreaterThan(100);
    const atFirstInstant = stored.filter((r) => r.ts === '2012-05-10T08:00:00.000Z').length;
    expect(atFirstInstant).toBeGreaterThan(20);
  });

  it.each([
    ['newest first', 'desc', 7],
    ['oldest first', 'asc', 7],
    ['newest first, one row per page', 'desc', 1],
    ['newest first, pages larger than every tie', 'desc', 100],
  ] as const)('%s: every record once, in time then txid order', async (_, order, pageSize) => {
    const { seen, total } = await walk([{ field: 'ts', order }], pageSize);
    const want = expected(order);
    expect(total).toBe(want.length);
    expect(iso(seen)).toEqual(want);
  });

  it('the same holds for a filtered log', async () => {
    const filters: FilterNode = {
      field: 'result',
      op: 'in',
      values: ['denied', 'failure', 'error', 'fraud'],
    };
    const { seen, total } = await walk([{ field: 'ts', order: 'desc' }], 5, filters);
    const want = expected('desc', filters);
    expect(want.length).toBeGreaterThan(5);
    expect(total).toBe(want.length);
    expect(iso(seen)).toEqual(want);
  });
});
