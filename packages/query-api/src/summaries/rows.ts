import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import { compileFilter } from '../reports/filters/compile';
import type { GroupableField } from '@sightline/schema';
import {
  GEO_FIELD,
  GEO_SUMS,
  SUMMARY_CUBES,
  SUMMARY_MARKER,
  SUMMARY_PRESENT,
  type SummaryCube,
  type SummaryCubeName,
} from './cubes';
import { customerWindow } from './customers';
import type { Window } from './plan';

/** Composite buckets per page: a busy customer's hour holds a few thousand combinations. */
export const COMPOSITE_PAGE = 5000;

export function cubeOf(cube: SummaryCubeName): SummaryCube {
  return SUMMARY_CUBES.find((c) => c.name === cube)!;
}

export function cubeFields(cube: SummaryCubeName): readonly GroupableField[] {
  return cubeOf(cube).fields;
}

type CompositeKey = Record<string, string | number | boolean | null>;
/** Positions summed over the records of a combination that have one (see GEO_SUMS). */
export interface GeoSums {
  count: number;
  lat: number;
  lon: number;
}
export interface CompositeBucket {
  key: CompositeKey;
  doc_count: number;
  /** Centroid cubes only: what geo_centroid answered for the combination's records. */
  located?: { count: number; location?: { lat: number; lon: number } };
  /** Centroid cubes only, once read (or rolled up): the sums the document stores. */
  geo?: GeoSums;
}

/**
 * The sums behind a geo_centroid answer: its mean times its count gives back the sums Elasticsearch
 * divided, to floating point.
 */
export function geoSums(bucket: CompositeBucket): GeoSums | undefined {
  if (bucket.geo) return bucket.geo;
  const located = bucket.located;
  if (!located || located.count === 0 || !located.location) return undefined;
  return {
    count: located.count,
    lat: located.location.lat * located.count,
    lon: located.location.lon * located.count,
  };
}

/** The records a (conditioned) cube counts: the customer's in the window, and those passing its `where`. */
function cubeScope(
  cube: SummaryCube,
  customer: string,
  window: Window,
  where: 'in' | 'out',
): estypes.QueryDslQueryContainer {
  const scope = customerWindow(customer, window);
  if (!cube.where) return { bool: { filter: scope } };
  const condition = compileFilter(cube.where);
  return where === 'in'
    ? { bool: { filter: [...scope, condition] } }
    : { bool: { filter: scope, must_not: [condition] } };
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
    query: cubeScope(cubeOf(cube), customer, window, 'in'),
    aggs: {
      rows: {
        composite: { size: COMPOSITE_PAGE, sources, ...(after ? { after } : {}) },
        ...(cubeOf(cube).centroid ? { aggs: { located: { geo_centroid: { field: GEO_FIELD } } } } : {}),
      },
    },
  };
}

/**
 * For a conditioned cube: per hour, the records outside its condition and, for each of its fields,
 * how many of those carry it (see SummaryCube.where).
 */
export function presenceAggregation(
  cube: SummaryCubeName,
  customer: string,
  window: Window,
): Omit<estypes.SearchRequest, 'index'> {
  return {
    size: 0,
    track_total_hits: false,
    query: cubeScope(cubeOf(cube), customer, window, 'out'),
    aggs: {
      hours: {
        date_histogram: { field: 'ts', fixed_interval: '1h', min_doc_count: 1 },
        aggs: Object.fromEntries(
          cubeFields(cube).map((field, i) => [sourceName(i), { filter: { exists: { field } } }]),
        ),
      },
    },
  };
}

export interface PresenceBucket {
  key: number;
  doc_count: number;
  [field: string]: number | { doc_count: number };
}

/**
 * The hour's presence document: it stands for the records outside the condition and lists the
 * fields they carried. It holds none of the cube's fields, so no definition the cube answers (whose
 * filters imply the condition) ever counts it; only the check of which fields the data carries does.
 */
export function presenceDoc(cube: SummaryCubeName, customer: string, bucket: PresenceBucket): SummaryDoc {
  const hour = Number(bucket.key);
  const id = createHash('sha256')
    .update(JSON.stringify([customer, cube, hour, SUMMARY_PRESENT]))
    .digest('base64url')
    .slice(0, 32);
  const present = cubeFields(cube).filter((_, i) => {
    const agg = bucket[sourceName(i)];
    return typeof agg === 'object' && agg.doc_count > 0;
  });
  return {
    id,
    source: {
      customer_id: customer,
      ts: new Date(hour).toISOString(),
      [SUMMARY_MARKER]: cube,
      summary_key: id,
      _doc_count: bucket.doc_count,
      [SUMMARY_PRESENT]: present,
    },
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
  const doc = countDoc(cube, cubeFields(cube), customer, Number(bucket.key.hour), bucket);
  const geo = cubeOf(cube).centroid ? geoSums(bucket) : undefined;
  if (geo) {
    doc.source[GEO_SUMS.count] = geo.count;
    doc.source[GEO_SUMS.lat] = geo.lat;
    doc.source[GEO_SUMS.lon] = geo.lon;
  }
  return doc;
}

/**
 * The document counting one combination of `fields` (a composite bucket keyed f0, f1, …) of a cube
 * at `at` (its hour, or its day): an id hashing customer, cube, time and values, so a recompute
 * overwrites it, and the records it stands for as `_doc_count`.
 */
export function countDoc(
  cube: string,
  fields: readonly GroupableField[],
  customer: string,
  at: number,
  bucket: CompositeBucket,
): SummaryDoc {
  const values = fields.map((_, i) => bucket.key[sourceName(i)] ?? null);
  const id = createHash('sha256')
    .update(JSON.stringify([customer, cube, at, values]))
    .digest('base64url')
    .slice(0, 32);
  const source: Record<string, unknown> = {
    customer_id: customer,
    ts: new Date(at).toISOString(),
    [SUMMARY_MARKER]: cube,
    summary_key: id,
    // Bucket aggregations count this document as this many records.
    _doc_count: bucket.doc_count,
  };
  fields.forEach((field, i) => {
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
    const geo = cubeOf(to).centroid ? geoSums(bucket) : undefined;
    const sum = sums.get(id);
    if (!sum) {
      sums.set(id, { key, doc_count: bucket.doc_count, ...(geo ? { geo: { ...geo } } : {}) });
      continue;
    }
    sum.doc_count += bucket.doc_count;
    if (geo && sum.geo) {
      sum.geo.count += geo.count;
      sum.geo.lat += geo.lat;
      sum.geo.lon += geo.lon;
    } else if (geo) sum.geo = { ...geo };
  }
  return [...sums.values()];
}
