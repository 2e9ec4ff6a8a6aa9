import { describe, expect, it } from 'vitest';
import { testApp, TOKENS } from './test-support';
import { createClient, SightlineApiError } from '@sightline/client';

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

  it('exports the rows of a definition as a streamed file, with its options, and names a refusal', async () => {
    const asked: { url: URL; body: unknown }[] = [];
    let busy = false;
    const client = createClient({
      baseUrl: 'http://sightline.test',
      token: TOKENS.admin,
      customer: 'globex',
      fetch: async (input, init) => {
        asked.push({ url: new URL(String(input)), body: JSON.parse(String(init?.body)) });
        if (busy)
          return Response.json(
            { error: { code: 'too_many_exports', message: 'this customer already runs its maximum' } },
            { status: 429, headers: { 'Retry-After': '3' } },
          );
        return new Response('txid,ts\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
      },
    });
    const definition = {
      timeRange: { last: '7d' },
      filters: { field: 'result', op: 'eq', value: 'denied' },
    } as const;
    const file = await client.exportLogs(definition, {
      format: 'csv',
      bom: true,
      escapeFormulae: false,
      columns: ['txid', 'ts'],
      after: 'c2Vlbg',
    });
    expect(await file.text()).toBe('txid,ts\n');
    expect(asked[0]!.url.pathname).toBe('/api/logs/export');
    expect(Object.fromEntries(asked[0]!.url.searchParams)).toEqual({
      format: 'csv',
      bom: '1',
      escapeFormulae: '0',
      columns: 'txid,ts',
      after: 'c2Vlbg',
      customer: 'globex',
    });
    expect(asked[0]!.body).toEqual(definition);

    busy = true;
    const refused = await client.exportLogs(definition).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SightlineApiError);
    expect(refused).toMatchObject({ status: 429, code: 'too_many_exports', retryAfter: 3 });
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
