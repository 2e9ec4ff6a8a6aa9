import { describe, expect, it } from 'vitest';
import { testApp, TOKENS } from '../server/test-support';
import { createClient, SightlineApiError } from './index';

function clientFor(token: string, customer?: string) {
  const { app, es } = testApp();
  const client = createClient({
    baseUrl: 'http://sightline.test',
    token,
    ...(customer ? { customer } : {}),
    fetch: (input, init) => Promise.resolve(app.request(String(input), init)),
  });
  return { client, es };
}

describe('the typed client', () => {
  it('runs definitions, built-ins and log pages with the token and customer', async () => {
    const { client, es } = clientFor(TOKENS.admin, 'globex');
    const result = await client.runReport({
      timeRange: { last: '24h' },
      view: { type: 'breakdown', groupBy: 'factor' },
    });
    expect(result.view).toBe('breakdown');
    expect(es.lastTenant()).toBe('globex');
    const series = await client.runBuiltin('attempts-over-time', { last: '1h' });
    expect(series).toMatchObject({ view: 'timeseries', interval: '1m' });
    const page = await client.logs({
      where: { result: ['denied', 'fraud'] },
      sort: [{ field: 'ts', order: 'desc' }],
      pageSize: 5,
    });
    expect(page).toMatchObject({ view: 'log', rows: [], nextCursor: null });
    expect((await client.builtinReports()).length).toBeGreaterThanOrEqual(10);
    expect((await client.fields()).some((f) => f.name === 'user.name')).toBe(true);
  });

  it('pages through the export audit with its customer, limit and cursor', async () => {
    const asked: URL[] = [];
    const page = { entries: [], next: null };
    const client = createClient({
      baseUrl: 'http://sightline.test/',
      token: TOKENS.admin,
      customer: 'globex',
      fetch: (input) => {
        asked.push(new URL(String(input)));
        return Promise.resolve(Response.json(page));
      },
    });
    expect(await client.exportAudit({ limit: 20, after: 'c2Vlbg' })).toEqual(page);
    expect(await client.exportAudit()).toEqual(page);
    expect(asked.map((u) => `${u.pathname}?${u.searchParams.toString()}`)).toEqual([
      '/api/exports/audit?limit=20&after=c2Vlbg&customer=globex',
      '/api/exports/audit?customer=globex',
    ]);
  });

  it('throws SightlineApiError with status, code and issues', async () => {
    const { client } = clientFor(TOKENS.acme);
    const error = await client
      .runReport({ timeRange: { last: '24h' }, view: { type: 'breakdown', groupBy: 'txid' as never } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SightlineApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', issues: [{ path: 'view.groupBy' }] });
    const denied = await clientFor('bad')
      .client.fields()
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('reports an unreachable server as a network error', async () => {
    const client = createClient({
      baseUrl: 'http://x',
      token: 't',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(client.fields()).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('reads freshness for its customer and, with an admin token, the pipeline health', async () => {
    const { client, es } = clientFor(TOKENS.acme);
    const freshness = await client.freshness();
    expect(freshness).toMatchObject({ customer: 'acme', lag: null });
    expect(es.requests).toHaveLength(1);
    await expect(client.pipeline()).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    const admin = clientFor(TOKENS.admin, 'globex').client;
    expect((await admin.freshness()).customer).toBe('globex');
    expect(await admin.pipeline()).toMatchObject({ status: 'ok', shards: [], firehose: [] });
  });
});
