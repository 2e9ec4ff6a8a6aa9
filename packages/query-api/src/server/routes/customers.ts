import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { MAX_CUSTOMERS, type CustomerList, type CustomerSummary } from '@sightline/schema/api';
import { READ_ALIAS } from '../../store/mapping';
import type { AppDeps, AppEnv } from '../env';
import { ApiError } from '../errors';
import { validate } from '../middleware/validate';
import { SEARCH_REQUEST_TIMEOUT_MS, SEARCH_TIMEOUT_MS } from '../es';
import { customerParam } from '../query-params';

/** A client configured with a customer sends it on every call; the list ignores it. */
export const customersQuery = z.strictObject({ customer: customerParam });
/** Customers per page of the composite aggregation. */
const PAGE = 1_000;

const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('principal').admin)
    throw new ApiError(403, 'forbidden', 'the customer list is for admin tokens');
  await next();
});

interface CompositeAggregation {
  after_key?: Record<string, string>;
  buckets: { key: { id: string }; doc_count: number }[];
}

/** GET /customers (admin tokens): every customer with stored records, by id, for a customer switcher. */
export function customerRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', adminOnly, validate('query', customersQuery), async (c) => {
    const customers: CustomerSummary[] = [];
    let after: Record<string, string> | undefined;
    for (;;) {
      const response = await deps.es.search(
        {
          index: READ_ALIAS,
          size: 0,
          track_total_hits: false,
          timeout: `${SEARCH_TIMEOUT_MS}ms`,
          aggs: {
            customers: {
              composite: {
                size: PAGE,
                sources: [{ id: { terms: { field: 'customer_id' } } }],
                ...(after ? { after } : {}),
              },
            },
          },
        },
        { requestTimeout: SEARCH_REQUEST_TIMEOUT_MS },
      );
      const page = response.aggregations?.customers as CompositeAggregation | undefined;
      const buckets = page?.buckets ?? [];
      for (const bucket of buckets) customers.push({ id: bucket.key.id, records: bucket.doc_count });
      if (customers.length >= MAX_CUSTOMERS)
        return c.json({
          customers: customers.slice(0, MAX_CUSTOMERS),
          truncated: true,
        } satisfies CustomerList);
      if (buckets.length < PAGE || !page?.after_key) break;
      after = page.after_key;
    }
    return c.json({ customers, truncated: false } satisfies CustomerList);
  });
}
