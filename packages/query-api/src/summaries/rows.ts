import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import type { GroupableField } from '../schema';
import { SUMMARY_CUBES, SUMMARY_MARKER, type SummaryCubeName } from './cubes';
import type { Window } from './plan';

/** Composite buckets per page: a busy customer's hour holds a few thousand combinations. */
export const COMPOSITE_PAGE = 5000;

export function cubeFields(cube: SummaryCubeName): readonly GroupableField[] {
  return SUMMARY_CUBES.find((c) => c.name === cube)!.fields;
}

type CompositeKey = Record<string, string | number | null>;
export interface CompositeBucket {
  key: CompositeKey;
  doc_count: number;
}

const sourceName = (i: number) => `f${i}`;

/**
 * The search that counts a customer's records in `window` by hour and by every combination of the
 * cube's fields, one page of combinations at a time (`after`: the previous page's after_key).
 * Records without a value keep their own combination (missing_bucket), so "none" counts survive.
 */
export function cubeAggregation(
  cube: SummaryCubeName,
  customer: string,
  window: Window,
  after?: CompositeKey,
): Omit<estypes.SearchRequest, 'index'> {
  const sources: Record<string, estypes.AggregationsCompositeAggregationSource>[] = [
    { hour: { date_histogram: { field: 'ts', fixed_interval: '1h' } } },
    ...cubeFields(cube).map((field, i) => ({ [sourceName(i)]: { terms: { field, missing_bucket: true } } })),
  ];
  return {
    size: 0,
    track_total_hits: false,
    query: {
      bool: {
        filter: [
          { term: { customer_id: customer } },
          { range: { ts: { gte: window.from, lt: window.to, format: 'epoch_millis' } } },
        ],
      },
    },
    aggs: { rows: { composite: { size: COMPOSITE_PAGE, sources, ...(after ? { after } : {}) } } },
  };
}

/** One summary document: what a combination of the cube's fields counted in one hour. */
export interface SummaryDoc {
  id: string;
  source: Record<string, unknown>;
}

/**
 * The document a composite bucket becomes. Its id is a hash of what it summarises (customer, cube,
 * hour, values), so recomputing an hour overwrites the same documents: idempotent.
 */
export function summaryDoc(cube: SummaryCubeName, customer: string, bucket: CompositeBucket): SummaryDoc {
  const hour = Number(bucket.key.hour);
  const values = cubeFields(cube).map((_, i) => bucket.key[sourceName(i)] ?? null);
  const id = createHash('sha256')
    .update(JSON.stringify([customer, cube, hour, values]))
    .digest('base64url')
    .slice(0, 32);
  const source: Record<string, unknown> = {
    customer_id: customer,
    ts: new Date(hour).toISOString(),
    [SUMMARY_MARKER]: cube,
    summary_key: id,
    // Bucket aggregations count this document as this many records.
    _doc_count: bucket.doc_count,
  };
  cubeFields(cube).forEach((field, i) => {
    const value = values[i];
    // A missing value stays missing: exists and missing aggregations see what they see in the records.
    if (value !== null && value !== undefined) source[field] = value;
  });
  return { id, source };
}

/**
 * The buckets of cube `to` (whose fields are all in `from`'s) from the buckets of `from`: the same
 * records counted by fewer fields, added up.
 */
export function rollUp(
  from: SummaryCubeName,
  to: SummaryCubeName,
  buckets: readonly CompositeBucket[],
): CompositeBucket[] {
  const fromFields = cubeFields(from);
  const positions = cubeFields(to).map((field) => {
    const i = fromFields.indexOf(field);
    if (i < 0) throw new Error(`cube '${to}' has '${field}', which '${from}' does not: it cannot roll up`);
    return i;
  });
  const sums = new Map<string, CompositeBucket>();
  for (const bucket of buckets) {
    const key: CompositeBucket['key'] = { hour: bucket.key.hour ?? null };
    positions.forEach((i, j) => {
      key[sourceName(j)] = bucket.key[sourceName(i)] ?? null;
    });
    const id = JSON.stringify(key);
    const sum = sums.get(id);
    if (sum) sum.doc_count += bucket.doc_count;
    else sums.set(id, { key, doc_count: bucket.doc_count });
  }
  return [...sums.values()];
}
