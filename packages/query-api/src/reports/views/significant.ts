import type { NormalizedReportDefinition, SignificantField, SignificantView } from '../definition';
import {
  aggregation,
  bucketKey,
  totalHits,
  type EsSearchResponse,
  type SearchBody,
  type TermsBucket,
} from '../es-types';
import { SIGNIFICANT_BACKGROUND_DAYS, SIGNIFICANT_CANDIDATES } from '../limits';
import { scopedQuery } from '../query';
import type { SignificantResult, SignificantRow } from '../result';
import type { ViewContext } from './context';

type Candidate = TermsBucket & { period: { doc_count: number } };

const DAY = 86_400_000;
/** Like Elasticsearch's significant_terms: a term must occur this often in the period to count. */
const MIN_PERIOD_COUNT = 3;
const aggName = (i: number) => `significant_${i}`;

/**
 * The period against the same customer's background: the same filters over the
 * SIGNIFICANT_BACKGROUND_DAYS before the range end (or the range itself when longer).
 *
 * Not significant_terms: that aggregation counts the background only on shards that hold period
 * documents, and with monthly indices a 30-day background spans two of them, so its background counts
 * silently shrink at every month start. Instead the query is the background; a filter marks the period;
 * per field, the terms most frequent in the period carry both counts, and parse scores them (JLH, as
 * Elasticsearch's default heuristic does).
 */
export function compileSignificant(
  def: NormalizedReportDefinition<SignificantView>,
  ctx: ViewContext,
): SearchBody {
  const { from, to } = ctx.range;
  const period = { filter: { range: { ts: { gte: from, lt: to, format: 'epoch_millis' } } } };
  const aggs = Object.fromEntries(
    def.view.fields.map((field, i) => [
      aggName(i),
      {
        terms: {
          field,
          size: SIGNIFICANT_CANDIDATES,
          min_doc_count: MIN_PERIOD_COUNT,
          order: [{ period: 'desc' as const }, { _key: 'asc' as const }],
        },
        aggs: { period },
      },
    ]),
  );
  const background = { from: Math.min(from, to - SIGNIFICANT_BACKGROUND_DAYS * DAY), to };
  return {
    size: 0,
    track_total_hits: true,
    request_cache: true,
    query: scopedQuery(ctx.tenant, background, def.filters),
    aggs: { period, ...aggs },
  };
}

/** JLH: how much more likely the term is in the period than usual, weighted by the absolute change. */
export function jlhScore(count: number, periodTotal: number, bgCount: number, bgTotal: number): number {
  if (periodTotal === 0 || bgTotal === 0 || bgCount === 0) return 0;
  const fg = count / periodTotal;
  const bg = bgCount / bgTotal;
  return fg > bg ? (fg - bg) * (fg / bg) : 0;
}

export function parseSignificant(
  view: SignificantView,
  response: EsSearchResponse,
): Omit<SignificantResult, 'meta'> {
  const periodTotal = aggregation<{ doc_count: number }>(response, 'period').doc_count;
  const bgTotal = totalHits(response);
  const rows: SignificantRow[] = view.fields.flatMap((field: SignificantField, i) =>
    aggregation<{ buckets: Candidate[] }>(response, aggName(i))
      .buckets.filter((b) => b.period.doc_count >= MIN_PERIOD_COUNT)
      .map((b) => ({
        field,
        key: bucketKey(b),
        score: jlhScore(b.period.doc_count, periodTotal, b.doc_count, bgTotal),
        count: b.period.doc_count,
        backgroundCount: b.doc_count,
      }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
      .slice(0, view.size),
  );
  rows.sort((a, b) => b.score - a.score);
  return { view: 'significant', rows };
}
