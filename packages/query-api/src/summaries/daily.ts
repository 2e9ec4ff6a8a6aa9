import type { Client, estypes } from '@elastic/elasticsearch';
import { DAILY_CUBES, DAY_MS, SUMMARY_MARKER, summaryIndex } from './cubes';
import { customerCounts, customerWindow } from './customers';
import type { Window } from './plan';
import { COMPOSITE_PAGE, countDoc, type CompositeBucket, type SummaryDoc } from './rows';
import { bulkInSteps, storedKeys, type WindowSummary } from './store';

type DailyCube = (typeof DAILY_CUBES)[number];
const sourceName = (i: number) => `f${i}`;

/**
 * The search that adds up a customer's hourly documents of `cube.of` in one UTC day by every
 * combination of the daily cube's fields, a page at a time. Bucket aggregations count an hourly
 * document as the records it stands for, so each combination's count is its records'.
 */
export function dailyAggregation(
  cube: DailyCube,
  customer: string,
  day: Window,
  after?: CompositeBucket['key'],
): estypes.SearchRequest {
  return {
    index: summaryIndex(cube.of),
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [...customerWindow(customer, day), { term: { [SUMMARY_MARKER]: cube.of } }] } },
    aggs: {
      rows: {
        composite: {
          size: COMPOSITE_PAGE,
          sources: cube.fields.map((field, i) => ({
            [sourceName(i)]: { terms: { field, missing_bucket: true } },
          })),
          ...(after ? { after } : {}),
        },
      },
    },
  };
}

/** The document one combination of a day becomes (see countDoc): a recomputed day overwrites it. */
export function dailyDoc(
  cube: DailyCube,
  customer: string,
  day: number,
  bucket: CompositeBucket,
): SummaryDoc {
  return countDoc(cube.name, cube.fields, customer, day, bucket);
}

/**
 * Recomputes every daily cube of `customer` for the UTC days in `window` (whole days) from the
 * hourly documents, which must be up to date and searchable for those days. Only days holding
 * hourly or daily documents are visited; a day whose combinations changed loses the documents of
 * those it no longer holds. Idempotent: the same hourly documents give the same daily ones.
 */
export async function summariseDays(es: Client, customer: string, window: Window): Promise<WindowSummary> {
  const total: WindowSummary = { written: 0, removed: 0 };
  for (const cube of DAILY_CUBES)
    for (const day of await daysWithDocuments(es, cube, customer, window)) {
      const fresh = new Map<string, Record<string, unknown>>();
      let after: CompositeBucket['key'] | undefined;
      for (;;) {
        const response = await es.search(dailyAggregation(cube, customer, day, after));
        const rows = response.aggregations?.rows as
          { buckets: CompositeBucket[]; after_key?: CompositeBucket['key'] } | undefined;
        for (const bucket of rows?.buckets ?? []) {
          const doc = dailyDoc(cube, customer, day.from, bucket);
          fresh.set(doc.id, doc.source);
        }
        if (!rows?.after_key || rows.buckets.length === 0) break;
        after = rows.after_key;
      }
      const operations: unknown[] = [];
      for (const [id, source] of fresh)
        operations.push({ index: { _index: summaryIndex(cube.name), _id: id } }, source);
      for (const { index, id } of await storedKeys(es, customer, day, [summaryIndex(cube.name)]))
        if (!fresh.has(id)) {
          operations.push({ delete: { _index: index, _id: id } });
          total.removed += 1;
        }
      total.written += fresh.size;
      await bulkInSteps(es, operations);
    }
  return total;
}

/** The days of `window` where the hourly cube or the daily cube holds documents of `customer`. */
async function daysWithDocuments(
  es: Client,
  cube: DailyCube,
  customer: string,
  window: Window,
): Promise<Window[]> {
  const response = await es.search({
    index: [summaryIndex(cube.of), summaryIndex(cube.name)],
    ignore_unavailable: true,
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: customerWindow(customer, window) } },
    aggs: { days: { date_histogram: { field: 'ts', fixed_interval: '1d', min_doc_count: 1 } } },
  });
  const buckets = (response.aggregations?.days as { buckets: { key: number }[] } | undefined)?.buckets ?? [];
  return buckets.map((b) => ({ from: b.key, to: b.key + DAY_MS }));
}

/**
 * The customers with hourly documents of any daily cube's hourly cube in `window`: those whose days
 * a day's close recomputes.
 */
export async function customersWithDays(es: Client, window: Window): Promise<string[]> {
  const customers = new Set<string>();
  for (const cube of DAILY_CUBES)
    for (const { customer } of await customerCounts(es, summaryIndex(cube.of), {
      range: { ts: { gte: window.from, lt: window.to, format: 'epoch_millis' } },
    }))
      customers.add(customer);
  return [...customers].sort();
}
