import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import {
  builtinReports,
  type LogResult,
  type NormalizedReportDefinition,
  relativeSpanMs,
  reportDefinitionSchema,
  type ReportResult,
  SIGNIFICANT_BACKGROUND_DAYS,
} from '@sightline/schema/reports';
import type { AuthLogRecord } from '@sightline/schema';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { deleteCustomers, esClient } from './ingest.support';
import { ingestGenerated, keysOf, matches } from './reports.support';

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
const DAY = 86_400_000;
const COUNTRY = 'access_device.location.country_code';

/**
 * What a report shows that depends on whose records it counted: totals and the count of every key
 * or term it lists. Compared with the same numbers computed from one customer's own records, these
 * catch a report that counts anyone else's (an aggregate body carries no customer id to look for).
 * Which keys tie for the last places is Elasticsearch's business: the oracle counts the keys shown.
 */
function numbersOf(result: ReportResult): unknown {
  switch (result.view) {
    case 'breakdown':
      return {
        total: result.total,
        rows: result.rows.filter((r) => !r.isOther).map((r) => [r.key, r.value]),
      };
    case 'timeseries':
      return result.rows.reduce((sum, r) => sum + Object.values(r.values).reduce((a, b) => a + b, 0), 0);
    case 'geo':
      return result.rows.map((r) => [r.key, r.value]).sort(([a], [b]) => (a! < b! ? -1 : 1));
    case 'significant':
      return result.rows.map((r) => [r.field, r.key, r.count, r.backgroundCount]);
    case 'log':
      return { total: result.total, rows: result.rows.map((r) => r.txid) };
  }
}

/** The same numbers, counted here from `own` records for the report's definition as of END. */
function expectedNumbers(
  def: NormalizedReportDefinition,
  result: ReportResult,
  own: AuthLogRecord[],
): unknown {
  const to = END.getTime();
  const span = 'last' in def.timeRange ? relativeSpanMs(def.timeRange.last)! : 0;
  const within = (from: number) =>
    own.filter((r) => {
      const t = Date.parse(r.ts);
      return t >= from && t < to && (!def.filters || matches(r, def.filters));
    });
  const period = within(to - span);
  const count = (rs: AuthLogRecord[], field: string, key: string) =>
    rs.filter((r) => keysOf(r, field).includes(key)).length;
  const view = def.view;
  switch (view.type) {
    case 'breakdown': {
      if (result.view !== 'breakdown') throw new Error(`${result.view} for a breakdown`);
      const shown = result.rows.filter((r) => !r.isOther);
      const without = period.filter((r) => keysOf(r, view.groupBy).length === 0).length;
      return {
        total: period.length,
        rows: shown.map((r) => [r.key, r.isNone ? without : count(period, view.groupBy, r.key)]),
      };
    }
    case 'timeseries':
      return period.length;
    case 'geo': {
      // Every country is listed, so the keys as well as their counts must be the customer's own.
      // Records the map cannot place are counted apart: a country named but unknown, or none at all.
      const place = (r: AuthLogRecord) => r.access_device?.location;
      const unknown = period.filter((r) => place(r)?.country != null && place(r)?.country_code == null);
      const none = period.filter((r) => place(r)?.country == null && place(r)?.country_code == null);
      return [
        ...[...new Set(period.flatMap((r) => keysOf(r, COUNTRY)))].map((key) => [
          key,
          count(period, COUNTRY, key),
        ]),
        ...(unknown.length > 0 ? [['__unknown__', unknown.length]] : []),
        ...(none.length > 0 ? [['__none__', none.length]] : []),
      ].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
    }
    case 'significant': {
      if (result.view !== 'significant') throw new Error(`${result.view} for a significant view`);
      // The window before the period, never the period itself.
      const from = to - span;
      const background = within(from - Math.max(span, SIGNIFICANT_BACKGROUND_DAYS * DAY)).filter(
        (r) => Date.parse(r.ts) < from,
      );
      return result.rows.map((r) => [
        r.field,
        r.key,
        count(period, r.field, r.key),
        count(background, r.field, r.key),
      ]);
    }
    case 'log':
      throw new Error('no built-in report is a log');
  }
}

describe('tenant isolation against real Elasticsearch', () => {
  it('every built-in report shows each customer the numbers of its own records, and only those', async () => {
    const tokens = { 't-acme': ACME, 't-globex': GLOBEX };
    for (const report of builtinReports()) {
      const def = reportDefinitionSchema.parse(report.definition);
      for (const [token, customer] of Object.entries(tokens)) {
        const res = await get(`/api/reports/${report.id}/run`, token);
        expect(res.status, report.id).toBe(200);
        const result = (await res.json()) as ReportResult;
        const of = (rs: AuthLogRecord[]) => expectedNumbers(def, result, rs);
        const own = of(records.filter((r) => r.customer_id === customer));
        expect(numbersOf(result), `${report.id} for ${customer}`).toEqual(own);
        // The comparison can fail: everyone's records, or the other customer's, give other numbers.
        const other = customer === ACME ? GLOBEX : ACME;
        expect(of(records), `${report.id}: everyone's numbers differ`).not.toEqual(own);
        expect(of(records.filter((r) => r.customer_id === other)), report.id).not.toEqual(own);
      }
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

  it('a cursor issued to one customer is refused for another', async () => {
    const query = 'last=30d&pageSize=10';
    const first = (await (await get(`/api/logs?${query}`, 't-acme')).json()) as LogResult;
    expect(first.total).toBe(records.filter((r) => r.customer_id === ACME).length);
    const refusal = async (res: Response) => {
      expect(res.status).toBe(400);
      const body = (await res.json()) as { rows?: unknown; total?: unknown; error: object };
      expect(body.rows).toBeUndefined();
      expect(body.total).toBeUndefined();
      return body.error;
    };
    const stolen = `/api/logs?${query}&cursor=${first.nextCursor}`;
    expect(await refusal(await get(stolen, 't-globex'))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining(
        'cursor was issued for another customer; start again without a cursor',
      ) as string,
    });
    const viaPost = await post('/api/reports/run', 't-globex', {
      ...everything,
      view: { type: 'log', pageSize: 10, cursor: first.nextCursor },
    });
    expect(await refusal(viaPost)).toMatchObject({ code: 'invalid_request' });
    // The audit's forgery: an unsigned cursor claiming a 1970–2100 window and a total of its own.
    const forged = Buffer.from(
      JSON.stringify([1, [END.getTime(), 'tx'], 0, 4102444800000, 123456789, '00000000']),
    ).toString('base64url');
    expect(await refusal(await get(`/api/logs?${query}&cursor=${forged}`, 't-acme'))).toMatchObject({
      code: 'invalid_request',
    });
    // Its own customer still continues the walk, with the count of the first page.
    const next = await get(stolen, 't-acme');
    expect(next.status).toBe(200);
    const page = (await next.json()) as LogResult;
    expect(page.total).toBe(first.total);
    expect(new Set(page.rows.map((r) => r.customer_id))).toEqual(new Set([ACME]));
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
