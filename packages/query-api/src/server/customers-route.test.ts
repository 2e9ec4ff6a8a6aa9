import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { createClient } from '@sightline/client';
import { FakeEs, testApp, TOKENS } from './test-support';

/** Answers the composite aggregation over these customer ids, `page` at a time, as Elasticsearch pages it. */
function esWithCustomers(ids: string[]) {
  const es = new FakeEs();
  es.respond = (request: estypes.SearchRequest) => {
    const composite = (request.aggs?.customers as { composite: { size: number; after?: { id: string } } })
      .composite;
    const start = composite.after ? ids.indexOf(composite.after.id) + 1 : 0;
    const page = ids.slice(start, start + composite.size);
    return {
      took: 1,
      hits: { hits: [] },
      aggregations: {
        customers: {
          buckets: page.map((id, i) => ({ key: { id }, doc_count: i + 1 })),
          ...(page.length > 0 ? { after_key: { id: page.at(-1)! } } : {}),
        },
      },
    };
  };
  return es;
}

describe('GET /api/customers', () => {
  it('lists every customer with stored records to an admin token, past one page of the aggregation', async () => {
    const ids = Array.from({ length: 1_500 }, (_, i) => `c${String(i).padStart(4, '0')}`);
    const { app, es } = testApp(esWithCustomers(ids));
    // Through the typed client, configured with a customer as the dashboard's admin client is.
    const client = createClient({
      baseUrl: 'http://sightline.test',
      token: TOKENS.admin,
      customer: 'c0001',
      fetch: (input, init) => Promise.resolve(app.request(String(input), init)),
    });
    const list = await client.customers();
    expect(list.truncated).toBe(false);
    expect(list.customers.map((c) => c.id)).toEqual(ids);
    expect(list.customers[0]).toEqual({ id: 'c0000', records: 1 });
    expect(es.requests).toHaveLength(2);
  });

  it('refuses a customer token: one customer may not learn of the others', async () => {
    const { call } = testApp(esWithCustomers(['acme', 'globex']));
    const response = await call('/api/customers', { token: TOKENS.acme });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('names an unknown parameter', async () => {
    const { call } = testApp(esWithCustomers([]));
    const response = await call('/api/customers?size=5', { token: TOKENS.admin });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('size');
  });
});
