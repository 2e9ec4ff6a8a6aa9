import { Client } from '@elastic/elasticsearch';
import { indexForTimestamp, READ_ALIAS } from '../packages/query-api/src/store/mapping';

/** Shared helpers of the ingest integration tests; each test file owns a customer-id prefix. */
export function esClient(): Client {
  const node = process.env.ES_URL;
  if (!node) throw new Error('ES_URL is not set: the integration global setup provides it');
  return new Client({ node, requestTimeout: 120_000 });
}

const byPrefix = (prefix: string) => ({ prefix: { customer_id: prefix } });

/**
 * Deletes only this test file's documents (its customer ids), never anyone else's or the template.
 * The local node has no reindex module (no _delete_by_query), so: search ids, bulk-delete, repeat.
 */
export async function deleteCustomers(client: Client, prefix: string): Promise<void> {
  const scope = { index: READ_ALIAS, allow_no_indices: true, ignore_unavailable: true };
  for (;;) {
    await client.indices.refresh(scope);
    const page = await client.search({ ...scope, size: 10_000, _source: false, query: byPrefix(prefix) });
    const hits = page.hits.hits;
    if (hits.length === 0) return;
    const operations = hits.map((h) => ({ delete: { _index: h._index, _id: h._id! } }));
    const response = await client.bulk({ operations });
    if (response.errors) throw new Error('could not delete the test documents');
  }
}

/**
 * Each ingest test file writes into a month of its own, far in the past (so its records land in an
 * index nobody else fills) and its own customer ids. Cleaning up drops that month's index when it
 * holds nothing but this file's customers; otherwise only this file's documents are deleted.
 */
export async function cleanTestMonth(client: Client, prefix: string, month: string): Promise<void> {
  const index = indexForTimestamp(`${month}-01T00:00:00Z`);
  const exists = await client.indices.exists({ index });
  if (exists) {
    await client.indices.refresh({ index });
    const foreign = await client.count({ index, query: { bool: { must_not: byPrefix(prefix) } } });
    if (foreign.count === 0) {
      await client.indices.delete({ index });
      return;
    }
  }
  await deleteCustomers(client, prefix);
}

/** cleanTestMonth with a client of its own, as every test file's set-up and tear-down call it. */
export async function cleanMonth(prefix: string, month: string): Promise<void> {
  const client = esClient();
  try {
    await cleanTestMonth(client, prefix, month);
  } finally {
    await client.close();
  }
}

export async function countCustomers(client: Client, prefix: string): Promise<number> {
  await client.indices.refresh({ index: READ_ALIAS, allow_no_indices: true, ignore_unavailable: true });
  const response = await client.count({
    index: READ_ALIAS,
    allow_no_indices: true,
    ignore_unavailable: true,
    query: byPrefix(prefix),
  });
  return response.count;
}

type Buckets = { buckets: { key: string; doc_count: number }[] };

/** Document counts per value of each field, for this prefix's customers. */
export async function termCounts(
  client: Client,
  prefix: string,
  fields: readonly string[],
): Promise<Record<string, Record<string, number>>> {
  const response = await client.search<unknown, Record<string, Buckets>>({
    index: READ_ALIAS,
    size: 0,
    query: byPrefix(prefix),
    aggs: Object.fromEntries(fields.map((f) => [f, { terms: { field: f, size: 1000 } }])),
  });
  return Object.fromEntries(
    fields.map((f) => [
      f,
      Object.fromEntries((response.aggregations?.[f]?.buckets ?? []).map((b) => [b.key, b.doc_count])),
    ]),
  );
}

/** txids stored more than once for this prefix: must always be empty (ids are the txids). */
export async function duplicateTxids(client: Client, prefix: string): Promise<string[]> {
  const response = await client.search<unknown, { dup: Buckets }>({
    index: READ_ALIAS,
    size: 0,
    query: byPrefix(prefix),
    aggs: { dup: { terms: { field: 'txid', min_doc_count: 2, size: 10 } } },
  });
  return (response.aggregations?.dup.buckets ?? []).map((b) => b.key);
}

/** Counts per value in JS, the reference the aggregations are compared with (nulls left out, as ES does). */
export function countBy<T>(
  records: readonly T[],
  value: (r: T) => string | null | undefined,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    const v = value(r);
    if (v !== null && v !== undefined) counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

/** Deletes the documents of `index` that match `query` (at most 10,000), after a refresh, and refreshes. */
export async function deleteWhere(client: Client, index: string, query: object): Promise<void> {
  await client.indices.refresh({ index, ignore_unavailable: true });
  const found = await client.search({ index, ignore_unavailable: true, size: 10_000, _source: false, query });
  if (found.hits.hits.length === 0) return;
  await client.bulk({
    refresh: true,
    operations: found.hits.hits.map((h) => ({ delete: { _index: index, _id: h._id! } })),
  });
}
