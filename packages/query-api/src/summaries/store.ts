import type { Client, estypes } from '@elastic/elasticsearch';
import { mappingProperties, READ_ALIAS } from '../store/mapping';
import { type FieldName } from '@sightline/schema';
import { ownIndexCreator } from '../store/own-index';
import {
  DAILY_CUBES,
  GEO_SUMS,
  SUMMARY_CUBES,
  SUMMARY_MARKER,
  SUMMARY_PRESENT,
  summaryIndex,
  type DailyCubeName,
  type SummaryCubeName,
} from './cubes';
import { customerWindow } from './customers';
import { planChunks, type ChunkLimits } from './chunks';
import type { Window } from './plan';
import {
  cubeAggregation,
  cubeFields,
  cubeOf,
  presenceAggregation,
  presenceDoc,
  rollUp,
  summaryDoc,
  type CompositeBucket,
  type PresenceBucket,
} from './rows';

/**
 * What one step of a recompute may hold. Twelve hours of a quiet customer are a few hundred records;
 * the records bound keeps a busy customer's step (a dense import, a large tenant's peak) to some
 * tens of megabytes of documents, so the summariser keeps to its small heap whatever the data.
 */
export const CHUNK_LIMITS: ChunkLimits = { hours: 12, records: 20_000 };
const HOUR_MS = 3_600_000;
/** Hours whose record counts one search returns when planning chunks: well under search.max_buckets. */
const PLAN_HOURS = 24 * 30;
/** Operations per bulk request. */
const BULK_OPS = 5000;

function summaryMappings(cube: SummaryCubeName | DailyCubeName): estypes.MappingTypeMapping {
  const daily = DAILY_CUBES.find((c) => c.name === cube);
  if (daily) return countMappings(daily.fields);
  const hourly = cube as SummaryCubeName;
  const counts = countMappings(cubeFields(hourly));
  return {
    ...counts,
    properties: {
      ...counts.properties,
      ...(cubeOf(hourly).centroid
        ? {
            [GEO_SUMS.count]: { type: 'long' },
            [GEO_SUMS.lat]: { type: 'double' },
            [GEO_SUMS.lon]: { type: 'double' },
          }
        : {}),
      ...(cubeOf(hourly).where ? { [SUMMARY_PRESENT]: { type: 'keyword' } } : {}),
    },
  };
}

/** A summary document's fields: its customer, time, the cube's fields and what marks it a summary. */
function countMappings(cubeFields: readonly FieldName[]): estypes.MappingTypeMapping {
  const fields: FieldName[] = ['customer_id', 'ts', ...cubeFields];
  return {
    dynamic: 'strict',
    properties: {
      ...(mappingProperties(fields, { searchSubfields: false }) as estypes.MappingTypeMapping['properties']),
      [SUMMARY_MARKER]: { type: 'keyword' },
      summary_key: { type: 'keyword' },
    },
  };
}

/** Every summary index of this version: the hourly cubes', then the daily cubes'. */
export const ALL_SUMMARY_INDICES = [...SUMMARY_CUBES, ...DAILY_CUBES].map((c) => summaryIndex(c.name));

/** Creates each cube's summary index when missing; many summarisers may race, losing is fine. */
export function summaryIndexEnsurer(es: Client): () => Promise<void> {
  const creators = [...SUMMARY_CUBES, ...DAILY_CUBES].map((c) =>
    ownIndexCreator(es, summaryIndex(c.name), summaryMappings(c.name)),
  );
  return async () => {
    await Promise.all(creators.map((create) => create()));
  };
}

export interface WindowSummary {
  /** Summary documents written (combinations counted). */
  written: number;
  /** Documents of combinations that no longer occur in those hours, deleted. */
  removed: number;
}

/**
 * Recomputes the summaries of `customer` for the whole hours in `window`, in every cube: counts the
 * records afresh, writes a document per combination (same id as before, so a recompute overwrites)
 * and deletes the documents of combinations the hour no longer holds. Idempotent and restartable:
 * running it again over the same records writes the same documents.
 */
export async function summariseWindow(
  es: Client,
  customer: string,
  window: Window,
  limits: ChunkLimits = CHUNK_LIMITS,
): Promise<WindowSummary> {
  const total: WindowSummary = { written: 0, removed: 0 };
  for await (const chunk of chunksOf(es, customer, window, limits)) {
    // Every cube's documents of the chunk, by index and id: counted from the records for the base
    // cubes, rolled up from those for the others.
    const fresh = new Map<string, Map<string, Record<string, unknown>>>();
    const keep = (cube: SummaryCubeName, buckets: readonly CompositeBucket[]) => {
      const docs = fresh.get(summaryIndex(cube)) ?? new Map<string, Record<string, unknown>>();
      for (const bucket of buckets) {
        const doc = summaryDoc(cube, customer, bucket);
        docs.set(doc.id, doc.source);
      }
      fresh.set(summaryIndex(cube), docs);
    };
    for (const base of SUMMARY_CUBES.filter((c) => !('rollupOf' in c))) {
      const buckets = await countChunk(es, base.name, customer, chunk);
      keep(base.name, buckets);
      if ('where' in base) {
        const docs = fresh.get(summaryIndex(base.name))!;
        for (const hour of await presenceChunk(es, base.name, customer, chunk)) {
          const doc = presenceDoc(base.name, customer, hour);
          docs.set(doc.id, doc.source);
        }
      }
      for (const c of SUMMARY_CUBES)
        if ('rollupOf' in c && c.rollupOf === base.name) keep(c.name, rollUp(base.name, c.name, buckets));
    }
    const operations: unknown[] = [];
    for (const [index, docs] of fresh) {
      for (const [id, source] of docs) operations.push({ index: { _index: index, _id: id } }, source);
      total.written += docs.size;
    }
    for (const { index, id } of await storedKeys(es, customer, chunk))
      if (!fresh.get(index)?.has(id)) {
        operations.push({ delete: { _index: index, _id: id } });
        total.removed += 1;
      }
    await bulkInSteps(es, operations);
  }
  return total;
}

/** `operations` in bulk requests of at most BULK_OPS operations each. */
export async function bulkInSteps(es: Client, operations: readonly unknown[]): Promise<void> {
  for (let i = 0; i < operations.length; i += BULK_OPS * 2)
    await bulk(es, operations.slice(i, i + BULK_OPS * 2));
}

/** `window` cut into chunks within `limits`, a month of hours planned at a time. */
async function* chunksOf(
  es: Client,
  customer: string,
  window: Window,
  limits: ChunkLimits,
): AsyncGenerator<Window> {
  for (let from = window.from; from < window.to; from += PLAN_HOURS * HOUR_MS) {
    const span = { from, to: Math.min(window.to, from + PLAN_HOURS * HOUR_MS) };
    yield* planChunks(span, await recordsByHour(es, customer, span), limits);
  }
}

/** How many records of `customer` each hour of `window` holds (hours without any left out). */
async function recordsByHour(es: Client, customer: string, window: Window): Promise<Map<number, number>> {
  const response = await es.search({
    index: READ_ALIAS,
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: customerWindow(customer, window) } },
    aggs: { hours: { date_histogram: { field: 'ts', fixed_interval: '1h', min_doc_count: 1 } } },
  });
  const buckets =
    (response.aggregations?.hours as { buckets: { key: number; doc_count: number }[] } | undefined)
      ?.buckets ?? [];
  return new Map(buckets.map((b) => [b.key, b.doc_count]));
}

/** The records of `customer` in `chunk` counted by hour and by every combination of the cube's fields. */
async function countChunk(
  es: Client,
  cube: SummaryCubeName,
  customer: string,
  chunk: Window,
): Promise<CompositeBucket[]> {
  const buckets: CompositeBucket[] = [];
  let after: CompositeBucket['key'] | undefined;
  for (;;) {
    const response = await es.search({ index: READ_ALIAS, ...cubeAggregation(cube, customer, chunk, after) });
    const rows = response.aggregations?.rows as
      { buckets: CompositeBucket[]; after_key?: CompositeBucket['key'] } | undefined;
    buckets.push(...(rows?.buckets ?? []));
    if (!rows?.after_key || rows.buckets.length === 0) return buckets;
    after = rows.after_key;
  }
}

/** A conditioned cube's records outside its condition in `chunk`, by hour, with the fields they carry. */
async function presenceChunk(
  es: Client,
  cube: SummaryCubeName,
  customer: string,
  chunk: Window,
): Promise<PresenceBucket[]> {
  const response = await es.search({ index: READ_ALIAS, ...presenceAggregation(cube, customer, chunk) });
  return (response.aggregations?.hours as { buckets: PresenceBucket[] } | undefined)?.buckets ?? [];
}

/**
 * The summary documents stored for `customer` in `chunk`, in every hourly cube (or in `indices`),
 * in one search.
 */
export async function storedKeys(
  es: Client,
  customer: string,
  chunk: Window,
  indices: readonly string[] = SUMMARY_CUBES.map((c) => summaryIndex(c.name)),
): Promise<{ index: string; id: string }[]> {
  const keys: { index: string; id: string }[] = [];
  let after: estypes.SortResults | undefined;
  for (;;) {
    const response = await es.search({
      index: [...indices],
      ignore_unavailable: true,
      size: 10_000,
      _source: false,
      track_total_hits: false,
      query: { bool: { filter: customerWindow(customer, chunk) } },
      // Ids hash the cube too: unique across the indices.
      sort: [{ summary_key: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = response.hits.hits;
    for (const hit of hits) if (hit._id) keys.push({ index: hit._index, id: hit._id });
    if (hits.length < 10_000) return keys;
    after = hits.at(-1)!.sort;
  }
}

export async function bulk(es: Client, operations: unknown[]): Promise<void> {
  const response = await es.bulk({ operations: operations as estypes.BulkRequest['operations'] });
  if (!response.errors) return;
  // A delete of a document already gone is the goal reached, not an error.
  const failed = response.items.find((item) => {
    const result = item.index ?? item.delete;
    return result?.error && !(item.delete && result.status === 404);
  });
  if (!failed) return;
  const result = (failed.index ?? failed.delete)!;
  throw new Error(
    `Elasticsearch refused a summary document (${result.status}): ${result.error?.reason ?? result.error?.type}`,
  );
}

/** Makes what was written visible to reports, before the summaries' coverage says it is there. */
export async function refreshSummaries(es: Client): Promise<void> {
  await es.indices.refresh({
    index: ALL_SUMMARY_INDICES,
    allow_no_indices: true,
    ignore_unavailable: true,
  });
}
