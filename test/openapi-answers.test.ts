import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { mountProduct } from '../packages/query-api/src/server/product';
import { cleanMonth } from './ingest.support';
import { ingestGenerated } from './reports.support';
import { openApiChecker } from './support/openapi';

/** This file's month (its own index) and customer, with views and a webhook of its own. */
const MONTH = '2015-06';
const PREFIX = 'itoas-';
const CUSTOMER = `${PREFIX}acme`;
const FROM = '2015-06-01T00:00:00Z';
const TO = '2015-07-01T00:00:00Z';
const RANGE = `from=${FROM}&to=${TO}&tz=UTC`;
const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
const app = createApp({
  es,
  tokens: createTokenStore([
    { name: 'acme', sha256: hashToken('t-acme'), customer: CUSTOMER, admin: false },
    { name: 'admin', sha256: hashToken('t-admin'), customer: null, admin: true },
  ]),
  extend: mountProduct(es),
});
const check = openApiChecker();
type Method = 'get' | 'post' | 'put' | 'delete';

/** What was asked, by documented operation, and each answer's problems against the document. */
const exercised = new Set<string>();
const problems: string[] = [];

/**
 * Calls the API as the product serves it and checks the answer against the OpenAPI document: the
 * status must be one it names for that route, and the body must match the schema it gives.
 */
async function call(
  documented: string,
  method: Method,
  url: string,
  o: { token?: string; body?: unknown } = {},
): Promise<{ status: number; text: string; type: string }> {
  const response = await app.request(url, {
    method: method.toUpperCase(),
    headers: {
      Authorization: `Bearer ${o.token ?? 't-acme'}`,
      ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await response.text();
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  exercised.add(`${method.toUpperCase()} ${documented}`);
  const where = `${method.toUpperCase()} ${url} → ${response.status} ${type}`;
  try {
    const types = check.contentTypes(documented, method, response.status);
    if (types.length > 0 && !types.includes(type)) problems.push(`${where}: not one of ${types.join(', ')}`);
    else if (type === 'application/json')
      problems.push(
        ...check(documented, method, response.status, JSON.parse(text)).map((p) => `${where}: ${p}`),
      );
    else if (type === 'application/x-ndjson')
      for (const line of text.split('\n').filter((l) => l.trim() !== ''))
        problems.push(
          ...check(documented, method, response.status, JSON.parse(line), type).map((p) => `${where}: ${p}`),
        );
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  return { status: response.status, text, type };
}

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await ingestGenerated({
    seed: 'openapi-answers',
    count: 400,
    days: 20,
    end: new Date('2015-06-25T00:00:00Z'),
    customers: 'default',
    customerPrefix: PREFIX,
  });
}, 120_000);
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await call('/api/alerts/webhook', 'delete', `/api/alerts/webhook?customer=${CUSTOMER}`, {
    token: 't-admin',
  });
  await es.close();
});

describe('every route of the OpenAPI document', () => {
  it('answers as the document says, for each route it names', { timeout: 300_000 }, async () => {
    const definition = {
      timeRange: { from: FROM, to: TO },
      view: { type: 'breakdown', groupBy: 'result' },
    };

    await call('/api/health', 'get', '/api/health');
    await call('/api/openapi.json', 'get', '/api/openapi.json');
    await call('/api/fields', 'get', '/api/fields');
    const builtins = await call('/api/reports', 'get', '/api/reports');
    expect(builtins.status).toBe(200);

    expect((await call('/api/reports/run', 'post', '/api/reports/run', { body: definition })).status).toBe(
      200,
    );
    const refused = await call('/api/reports/run', 'post', '/api/reports/run', {
      body: { ...definition, view: { type: 'breakdown', groupBy: 'no.such.field' } },
    });
    expect(refused.status).toBe(400);
    const batch = await call('/api/reports/batch', 'post', '/api/reports/batch', {
      body: {
        reports: [
          definition,
          { ...definition, view: { type: 'nope' } },
          { ...definition, view: { type: 'headline' } },
        ],
      },
    });
    expect(batch.text.trim().split('\n')).toHaveLength(3);
    const {
      reports: [builtin],
    } = JSON.parse(builtins.text) as { reports: { id: string }[] };
    expect(
      (await call('/api/reports/{id}/run', 'get', `/api/reports/${builtin!.id}/run?${RANGE}`)).status,
    ).toBe(200);
    await call('/api/reports/{id}/run', 'get', `/api/reports/no-such-report/run?${RANGE}`);

    expect((await call('/api/logs', 'get', `/api/logs?${RANGE}&pageSize=5&sort=-ts`)).status).toBe(200);
    await call('/api/logs', 'get', `/api/logs?${RANGE}&pageSize=5000`);
    const file = await call('/api/logs/export', 'get', `/api/logs/export?${RANGE}&format=ndjson`);
    expect(file.status).toBe(200);
    expect(file.text.trim().split('\n').length).toBeGreaterThan(0);
    const posted = await call('/api/logs/export', 'post', '/api/logs/export?format=csv', {
      body: { timeRange: { from: FROM, to: TO } },
    });
    expect(posted.type).toBe('text/csv');
    await call('/api/exports/audit', 'get', '/api/exports/audit?limit=5', { token: 't-admin' });
    await call('/api/exports/audit', 'get', '/api/exports/audit');

    await call('/api/freshness', 'get', '/api/freshness');
    await call('/api/customers', 'get', '/api/customers', { token: 't-admin' });
    await call('/api/pipeline', 'get', '/api/pipeline', { token: 't-admin' });
    await call('/api/pipeline/metrics', 'get', '/api/pipeline/metrics', { token: 't-admin' });

    await call('/api/findings', 'get', `/api/findings?${RANGE}`);
    await call('/api/findings/audit', 'get', '/api/findings/audit', { token: 't-admin' });
    const missing = await call(
      '/api/findings/{id}/status',
      'post',
      `/api/findings/${'0'.repeat(32)}/status`,
      {
        body: { status: 'suspicious' },
      },
    );
    expect(missing.status).toBe(404);

    // The webhook is an admin's to set, for a customer it names.
    const asAdmin = { token: 't-admin' };
    const forAcme = `?customer=${CUSTOMER}`;
    await call('/api/alerts/webhook', 'get', `/api/alerts/webhook${forAcme}`, asAdmin);
    const put = await call('/api/alerts/webhook', 'put', `/api/alerts/webhook${forAcme}`, {
      ...asAdmin,
      body: { url: 'https://hooks.example.com/sightline', minSeverity: 'high', enabled: false },
    });
    expect([200, 201]).toContain(put.status);
    await call('/api/alerts/webhook/secret', 'post', `/api/alerts/webhook/secret${forAcme}`, asAdmin);
    // Disabled, so nothing is sent: the route answers why.
    const test = await call(
      '/api/alerts/webhook/test',
      'post',
      `/api/alerts/webhook/test${forAcme}`,
      asAdmin,
    );
    expect(test.status).toBe(400);
    await call('/api/alerts/webhook/deliveries', 'get', `/api/alerts/webhook/deliveries${forAcme}`, asAdmin);
    await call('/api/alerts/webhook', 'put', `/api/alerts/webhook${forAcme}`);
    expect(
      (await call('/api/alerts/webhook', 'delete', `/api/alerts/webhook${forAcme}`, asAdmin)).status,
    ).toBe(200);

    for (const part of ['loads', 'sources', 'quality', 'versions'])
      await call(`/api/data-health/${part}`, 'get', `/api/data-health/${part}?customer=${CUSTOMER}`, {
        token: 't-admin',
      });

    const saved = await call('/api/views', 'post', '/api/views', {
      body: { name: `itoas ${Date.now()}`, url: '/log?last=7d' },
    });
    expect(saved.status).toBe(201);
    await call('/api/views', 'get', '/api/views');
    const { id } = JSON.parse(saved.text) as { id: string };
    expect((await call('/api/views/{id}', 'delete', `/api/views/${id}`)).status).toBe(200);

    expect(problems).toEqual([]);
    // A route added to the document without being asked here fails this test.
    expect(check.operations().filter((op) => !exercised.has(op))).toEqual([]);
  });

  it('documents every route the API serves', () => {
    const documented = new Set(check.operations().map((op) => op.replace(/\{(\w+)\}/g, ':$1')));
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path.replace(/\/$/, '')}`),
    );
    expect(served.size).toBeGreaterThan(25);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
  });
});
