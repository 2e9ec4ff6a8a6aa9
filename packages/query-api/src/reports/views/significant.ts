import type { NormalizedReportDefinition, SignificantField, SignificantView } from '../definition';
import {
  aggregation,
  bucketKey,
  type EsSearchResponse,
  type SearchBody,
  type TermsBucket,
} from '../es-types';
import { SIGNIFICANT_BACKGROUND_DAYS } from '../limits';
import { scopedQuery } from '../query';
import type { SignificantResult, SignificantRow } from '../result';
import type { ViewContext } from './context';

type SigBucket = TermsBucket & { score: number; bg_count: number };

const DAY = 86_400_000;
const aggName = (i: number) => `significant_${i}`;

/**
 * The period (the query) against the same customer's background: the same filters over the
 * SIGNIFICANT_BACKGROUND_DAYS before the range end (or the range itself when it is longer). Without an
 * explicit background Elasticsearch would compare against the whole index, i.e. every tenant.
 */
export function compileSignificant(
  def: NormalizedReportDefinition<SignificantView>,
  ctx: ViewContext,
): SearchBody {
  const { from, to } = ctx.range;
  const background = scopedQuery(
    ctx.tenant,
    { from: Math.min(from, to - SIGNIFICANT_BACKGROUND_DAYS * DAY), to },
    def.filters,
  );
  const aggs = Object.fromEntries(
    def.view.fields.map((field, i) => [
      aggName(i),
      { significant_terms: { field, size: def.view.size, background_filter: background } },
    ]),
  );
  return { size: 0, track_total_hits: false, request_cache: true, query: ctx.query, aggs };
}

export function parseSignificant(
  view: SignificantView,
  response: EsSearchResponse,
): Omit<SignificantResult, 'meta'> {
  const rows: SignificantRow[] = view.fields.flatMap((field: SignificantField, i) =>
    aggregation<{ buckets: SigBucket[] }>(response, aggName(i)).buckets.map((b) => ({
      field,
      key: bucketKey(b),
      score: b.score,
      count: b.doc_count,
      backgroundCount: b.bg_count,
    })),
  );
  rows.sort((a, b) => b.score - a.score);
  return { view: 'significant', rows };
}
