import type { Client, estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../auth';
import { encodeCursor as encodeExportCursor } from '../export/cursor';
import { mountExports } from '../export/route';
import type { EsSearchResponse } from '../reports';
import { type LogResult, sealCursor } from '@sightline/schema/reports';
import { createApp } from './app';
import { hmacCursorKey } from './cursor-key';
import { FakeEs, TOKENS } from './test-support';

const NOW = new Date('2026-11-20T10:15:30Z');
const TO = Date.parse('2026-11-20T10:16:00Z');
const DAY = 86_400_000;
const key = hmacCursorKey('http cursor tests, at least 32 characters');

/** Elasticsearch with more rows than any page: every search answers a full page and a count. */
function endlessLog(): FakeEs {
  const es = new FakeEs();
  es.respond = (request: estypes.SearchRequest): EsSearchResponse => ({
    took: 1,
    hits: {
      total: { value: 89845, relation: 'eq' },
      hits: Array.from({ length: request.size ?? 10 }, (_, i) => ({
        _source: { txid: `tx-${i}`, ts: new Date(TO - i * 1000).toISOString(), customer_id: 'whoever' },
        sort: [TO - i * 1000, `tx-${i}`],
      })),
    },
  });
  return es;
}

function cursorApp(es = endlessLog()) {
  const tokens = createTokenStore([
    { name: 'acme', sha256: hashToken(TOKENS.acme), customer: 'acme', admin: false },
    { name: 'globex', sha256: hashToken(TOKENS.globex), customer: 'globex', admin: false },
    { name: 'admin', sha256: hashToken(TOKENS.admin), customer: null, admin: true },
  ]);
  const app = createApp({
    es,
    tokens,
    now: () => NOW,
    cursors: key,
    // Refused cursors never reach Elasticsearch, so the export's client is never called here.
    extend: mountExports(es as unknown as Client),
  });
  const get = (path: string, token: string) =>
    app.request(path, { headers: { Authorization: `Bearer ${token}` } });
  const post = (path: string, token: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { es, get, post };
}

async function errorOf(response: Response) {
  expect(response.status).toBe(400);
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** What a cursor carries: readable by anyone, trusted only under its signature. */
function bodyOf(cursor: string): unknown[] {
  const sealed = JSON.parse(Buffer.from(cursor.split('.')[0]!, 'base64url').toString()) as unknown[];
  return sealed[3] as unknown[];
}

/** A first page's cursor, as the API hands it out. */
async function firstCursor(app: ReturnType<typeof cursorApp>, token: string, query = 'last=24h&pageSize=2') {
  const res = await app.get(`/api/logs?${query}`, token);
  expect(res.status).toBe(200);
  const page = (await res.json()) as LogResult;
  expect(page.nextCursor).toEqual(expect.any(String));
  return page.nextCursor!;
}

describe('log cursors over HTTP', () => {
  it('continue the walk for the customer they were issued to, keeping its count', async () => {
    const app = cursorApp();
    const cursor = await firstCursor(app, TOKENS.acme);
    const res = await app.get(`/api/logs?last=24h&pageSize=2&cursor=${cursor}`, TOKENS.acme);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total: 89845, rows: [{ txid: 'tx-0' }, { txid: 'tx-1' }] });
    expect(app.es.lastTenant()).toBe('acme');
  });

  it("400, not another customer's count, for a cursor sent with another customer's token", async () => {
    const app = cursorApp();
    const cursor = await firstCursor(app, TOKENS.acme);
    const searches = app.es.requests.length;
    const res = await app.get(`/api/logs?last=24h&pageSize=2&cursor=${cursor}`, TOKENS.globex);
    expect(await errorOf(res)).toEqual({
      code: 'invalid_request',
      message:
        'invalid report definition: view.cursor: cursor was issued for another customer; start again without a cursor',
      issues: [
        {
          path: 'view.cursor',
          message: 'cursor was issued for another customer; start again without a cursor',
        },
      ],
    });
    expect(app.es.requests).toHaveLength(searches);
  });

  it('400 when an admin takes one customer’s cursor to another', async () => {
    const app = cursorApp();
    const cursor = await firstCursor(app, TOKENS.admin, 'last=24h&pageSize=2&customer=acme');
    const res = await app.get(`/api/logs?last=24h&pageSize=2&customer=globex&cursor=${cursor}`, TOKENS.admin);
    expect((await errorOf(res)).message).toContain('cursor was issued for another customer');
  });

  it('400 for the forged unsigned cursor of the audit: no 1970–2100 window, no made-up total', async () => {
    const app = cursorApp();
    const forged = Buffer.from(
      JSON.stringify([1, [TO, 'tx-0'], 0, 4102444800000, 123456789, '00000000']),
    ).toString('base64url');
    const res = await app.get(`/api/logs?last=24h&pageSize=2&cursor=${forged}`, TOKENS.acme);
    expect((await errorOf(res)).message).toContain('cursor comes from an earlier version of this API');
    expect(app.es.requests).toHaveLength(0);
  });

  it('400 for a real cursor whose window or total was edited', async () => {
    const app = cursorApp();
    const cursor = await firstCursor(app, TOKENS.acme);
    const [after, , , , fingerprint] = bodyOf(cursor);
    const edited = [2, 'log', 'acme', [after, 0, 4102444800000, 123456789, fingerprint]];
    const tampered = `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${cursor.split('.')[1]}`;
    const res = await app.post('/api/reports/run', TOKENS.acme, {
      timeRange: { last: '24h' },
      view: { type: 'log', pageSize: 2, cursor: tampered },
    });
    expect((await errorOf(res)).message).toContain('cursor was altered, or signed by another server');
  });

  it('400 for a signed cursor whose window runs backwards, or reaches outside the query range', async () => {
    const app = cursorApp();
    const fingerprint = bodyOf(await firstCursor(app, TOKENS.acme))[4];
    const signed = (from: number, to: number) =>
      sealCursor(key, 'log', 'acme', [[TO, 'tx-0'], from, to, 7, fingerprint]);
    const backwards = await app.get(`/api/logs?last=24h&cursor=${signed(TO, TO - DAY)}`, TOKENS.acme);
    expect((await errorOf(backwards)).message).toContain(
      'cursor has a time window that ends before it starts',
    );
    const wide = await app.get(`/api/logs?last=24h&cursor=${signed(0, 4102444800000)}`, TOKENS.acme);
    expect((await errorOf(wide)).message).toContain(
      "cursor has a time window that is not the query's last 24h",
    );
  });

  it('400 for text that is no cursor, never a 500', async () => {
    const app = cursorApp();
    for (const cursor of ['x', 'a.b', '...', '%00', 'eyJ9'.repeat(10)]) {
      const res = await app.get(`/api/logs?last=24h&cursor=${encodeURIComponent(cursor)}`, TOKENS.acme);
      expect((await errorOf(res)).message, cursor).toMatch(
        /view.cursor: cursor .*; start again without a cursor/,
      );
    }
  });
});

describe('export cursors over HTTP share the same seal', () => {
  const position = { sort: [TO, 'tx-0'], rows: 10, from: TO - DAY, to: TO, fingerprint: 'ffffffff' };

  it("400 for another customer's export cursor, and for a log cursor given as after=", async () => {
    const app = cursorApp();
    const foreign = encodeExportCursor(key, 'acme', position);
    const res = await app.get(`/api/logs/export?last=24h&after=${foreign}`, TOKENS.globex);
    expect(await errorOf(res)).toMatchObject({
      code: 'invalid_request',
      message: 'after: the cursor was issued for another customer; start the export again without after=',
    });
    const log = await firstCursor(app, TOKENS.acme);
    const mixed = await app.get(`/api/logs/export?last=24h&after=${log}`, TOKENS.acme);
    expect((await errorOf(mixed)).message).toContain('the cursor was issued for another kind of request');
  });
});
