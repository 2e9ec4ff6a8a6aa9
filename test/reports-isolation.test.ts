import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { builtinReports, type LogResult, type ReportResult } from '../packages/query-api/src/reports';
import type { AuthLogRecord } from '../packages/query-api/src/schema';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { deleteCustomers, esClient } from './ingest.support';
import { ingestGenerated } from './reports.support';

const PREFIX = 'itiso-';
const ACME = `${PREFIX}acme`;
const GLOBEX = `${PREFIX}globex`;
const BIG = `${PREFIX}big-acme`;
const END = new Date('2026-09-10T12:00:00.000Z');
const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const tokens = createTokenStore([
  { name: 'acme', sha256: hashToken('t-acme'), customer: ACME, admin: false },
  { name: 'globex', sha256: hashToken('t-globex'), customer: GLOBEX, admin: false },
  { name: 'big', sha256: hashToken('t-big'), customer: BIG, admin: false },
  { name: 'admin', sha256: hashToken('t-admin'), customer: null, admin: true },
]);
const es = createEsClient(ES_URL);
const app = createApp({ es, tokens, now: () => END });
let records: AuthLogRecord[] = [];

function get(path: string, token: string, headers: Record<string, string> = {}) {
  return app.request(path, { headers: { Authorization: `Bearer ${token}`, ...headers } });
}
function post(path: string, token: string, body: unknown) {
  return app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  const admin = esClient();
  await deleteCustomers(admin, PREFIX);
  await admin.close();
  const base = { days: 20, end: END, customers: 'default' as const, customerPrefix: PREFIX };
  records = await ingestGenerated({ ...base, seed: 'isolation', count: 4000 });
  records.push(
    ...(await ingestGenerated({
      ...base,
      seed: 'isolation-big',
      count: 10_500,
      customers: 'single',
      customerPrefix: `${PREFIX}big-`,
    })),
  );
});
afterAll(() => es.close());

const everything = { timeRange: { last: '30d' } };
/** Every customer id mentioned anywhere in a response body. */
const customersIn = (text: string) => new Set(text.match(new RegExp(`${PREFIX}[a-z-]+`, 'g')) ?? []);

describe('tenant isolation against real Elasticsearch', () => {
  it('every built-in report with a customer token counts only that customer', async () => {
    const mine = records.filter(
      (r) => r.customer_id === GLOBEX && Date.parse(r.ts) >= END.getTime() - 7 * 86_400_000,
    );
    for (const report of builtinReports()) {
      const res = await get(`/api/reports/${report.id}/run`, 't-globex');
      expect(res.status, report.id).toBe(200);
      const text = await res.text();
      expect(
        [...customersIn(text)].every((c) => c === GLOBEX),
        report.id,
      ).toBe(true);
      const result = JSON.parse(text) as ReportResult;
      if (report.id === 'attempts-by-country' && result.view === 'geo')
        expect(result.rows.reduce((s, r) => s + r.value, 0)).toBe(
          mine.filter((r) => r.access_device?.location?.country_code).length,
        );
    }
  });

  it('log pages and crafted filter trees return only the token’s customer', async () => {
    const wide = { or: [{ field: 'result', op: 'exists' }, { not: { field: 'result', op: 'exists' } }] };
    const res = await post('/api/reports/run', 't-globex', {
      ...everything,
      filters: wide,
      view: { type: 'log', pageSize: 1000 },
    });
    const page = (await res.json()) as LogResult;
    expect(page.total).toBe(records.filter((r) => r.customer_id === GLOBEX).length);
    expect(new Set(page.rows.map((r) => r.customer_id))).toEqual(new Set([GLOBEX]));
    const viaGet = await get(
      `/api/logs?last=30d&pageSize=1000&filter=${encodeURIComponent(JSON.stringify(wide))}`,
      't-globex',
    );
    expect(new Set(((await viaGet.json()) as LogResult).rows.map((r) => r.customer_id))).toEqual(
      new Set([GLOBEX]),
    );
  });

  it('refuses customer_id in filters and other customers by name; admins read whom they name', async () => {
    const sneaky = {
      or: [
        { field: 'result', op: 'eq', value: 'success' },
        { field: 'customer_id', op: 'eq', value: ACME },
      ],
    };
    const refused = await post('/api/reports/run', 't-globex', {
      ...everything,
      filters: sneaky,
      view: { type: 'log' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("field 'customer_id' cannot be used in a filter");
    expect((await get(`/api/logs?customer_id=${ACME}`, 't-globex')).status).toBe(400);
    expect((await get(`/api/logs?customer=${ACME}`, 't-globex')).status).toBe(403);
    expect(
      (await get('/api/reports/auth-summary/run', 't-globex', { 'X-Sightline-Customer': ACME })).status,
    ).toBe(403);
    const admin = await get(`/api/logs?last=30d&pageSize=50&customer=${ACME}`, 't-admin');
    expect(new Set(((await admin.json()) as LogResult).rows.map((r) => r.customer_id))).toEqual(
      new Set([ACME]),
    );
    expect((await get('/api/logs', 't-admin')).status).toBe(400);
  });

  it('walks more than 10,000 rows with cursors: every row once, in order', async () => {
    const expected = records.filter((r) => r.customer_id === BIG);
    expect(expected.length).toBeGreaterThan(10_000);
    const seen = new Set<string>();
    let last = Infinity;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `last=30d&pageSize=1000&columns=ts,result${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(`/api/logs?${qs}`, 't-big');
      expect(res.status).toBe(200);
      const page = (await res.json()) as LogResult;
      expect(page.total).toBe(expected.length);
      for (const row of page.rows) {
        const t = Date.parse(row.ts);
        expect(t).toBeLessThanOrEqual(last);
        last = t;
        seen.add(row.txid);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 1000));
    expect(seen).toEqual(new Set(expected.map((r) => r.txid)));
  });
});

describe('bad input against the real API', () => {
  it.each([
    [
      'unknown field',
      { ...everything, view: { type: 'breakdown', groupBy: 'colour' } },
      "unknown field 'colour'",
    ],
    [
      'group by a non-groupable field',
      { ...everything, view: { type: 'breakdown', groupBy: 'ts' } },
      "field 'ts' cannot be grouped by",
    ],
    [
      'search on a non-searchable field',
      { ...everything, filters: { field: 'reason', op: 'search', value: 'x' }, view: { type: 'log' } },
      "field 'reason' is not searchable",
    ],
    [
      'from after to',
      { timeRange: { from: '2026-09-02T00:00:00Z', to: '2026-09-01T00:00:00Z' }, view: { type: 'log' } },
      'from is not before to',
    ],
    [
      'page size over the limit',
      { ...everything, view: { type: 'log', pageSize: 1001 } },
      'pageSize may be at most 1000',
    ],
    [
      'too many buckets',
      { ...everything, view: { type: 'timeseries', interval: '1m' } },
      'buckets (at most 1000)',
    ],
  ])('%s → 400 naming it', async (_name, body, message) => {
    const res = await post('/api/reports/run', 't-acme', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
  });
});

/** A TCP relay to Elasticsearch that can be cut and restored on the same port. */
async function relay(target: URL) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const open = (port = 0) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => (client.destroy(), upstream.destroy());
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      server!.close(() => resolve());
    });
  return { open, close };
}

describe('Elasticsearch going away and coming back', () => {
  it('answers 503 with Retry-After while it is down, and 200 again from the same app once it is back', async () => {
    const proxy = await relay(new URL(ES_URL));
    const port = await proxy.open();
    const client = createEsClient(`http://127.0.0.1:${port}`, { requestTimeoutMs: 3000 });
    const flaky = createApp({ es: client, tokens, now: () => END });
    const ask = () =>
      flaky.request('/api/reports/auth-summary/run', { headers: { Authorization: 'Bearer t-acme' } });
    try {
      expect((await ask()).status).toBe(200);
      await proxy.close();
      for (let i = 0; i < 3; i += 1) {
        const down = await ask();
        expect(down.status).toBe(503);
        expect(down.headers.get('Retry-After')).toBe('5');
        expect(((await down.json()) as { error: { code: string } }).error.code).toBe('unavailable');
      }
      expect((await flaky.request('/api/health')).status).toBe(503);
      await proxy.open(port);
      expect((await ask()).status).toBe(200);
      expect((await flaky.request('/api/health')).status).toBe(200);
    } finally {
      await client.close();
      await proxy.close().catch(() => {});
    }
  });
});
