import type { estypes } from '@elastic/elasticsearch';
import type { SortValue } from '@sightline/schema/reports';

/** A search request body, sent to `index` (the read alias). */
export type SearchBody = Omit<estypes.SearchRequest, 'index'>;

export interface EsHit {
  _id?: string | null;
  _source?: unknown;
  sort?: SortValue[];
}

/** What the parser reads of a search response; Elasticsearch's typed response satisfies it. */
export interface EsSearchResponse {
  took: number;
  hits: { total?: number | { value: number; relation: string }; hits: EsHit[] };
  aggregations?: Record<string, unknown>;
}

/** An aggregation the compiler asked for; its absence means the response is not for this request. */
export function aggregation<T>(response: EsSearchResponse, name: string): T {
  const value = response.aggregations?.[name];
  if (value === undefined) throw new Error(`Elasticsearch response lacks aggregation '${name}'`);
  return value as T;
}

export function totalHits(response: EsSearchResponse): number {
  const total = response.hits.total;
  return typeof total === 'number' ? total : (total?.value ?? 0);
}

export interface TermsBucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
}

/** Terms keys as strings: booleans come back as 1/0 with key_as_string "true"/"false". */
export function bucketKey(bucket: TermsBucket): string {
  return bucket.key_as_string ?? String(bucket.key);
}
