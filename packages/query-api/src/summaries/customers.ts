import type { Client, estypes } from '@elastic/elasticsearch';
import type { Window } from './plan';

/** A customer's documents, records or summaries, with `ts` in `window`: the filters of a search scoped to them. */
export function customerWindow(customer: string, window: Window): estypes.QueryDslQueryContainer[] {
  return [
    { term: { customer_id: customer } },
    { range: { ts: { gte: window.from, lt: window.to, format: 'epoch_millis' } } },
  ];
}

/**
 * Every customer with documents in `index` matching `query`, with how many (a summary document
 * counts as the records it stands for), a page of customers at a time: there may be thousands.
 */
export async function customerCounts(
  es: Client,
  index: string,
  query?: estypes.QueryDslQueryContainer,
): Promise<{ customer: string; count: number }[]> {
  const counts: { customer: string; count: number }[] = [];
  let after: Record<string, string> | undefined;
  for (;;) {
    const response = await es.search({
      index,
      ignore_unavailable: true,
      size: 0,
      track_total_hits: false,
      ...(query ? { query } : {}),
      aggs: {
        customers: {
          composite: {
            size: 10_000,
            sources: [{ customer: { terms: { field: 'customer_id' } } }],
            ...(after ? { after } : {}),
          },
        },
      },
    });
    const agg = response.aggregations?.customers as
      | { buckets: { key: { customer: string }; doc_count: number }[]; after_key?: Record<string, string> }
      | undefined;
    for (const b of agg?.buckets ?? []) counts.push({ customer: b.key.customer, count: b.doc_count });
    if (!agg?.after_key || agg.buckets.length === 0) return counts;
    after = agg.after_key;
  }
}
