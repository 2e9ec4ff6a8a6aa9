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
/** A value must occur at least this often in the period to be reported at all. */
export const MIN_SUPPORT = 5;
/** …and be at least this many times as frequent as before: normal traffic (about 1×) never ranks. */
export const MIN_LIFT = 1.5;
const aggName = (i: number) => `significant_${i}`;

/** The window the period is compared with: the SIGNIFICANT_BACKGROUND_DAYS before it, or as long as it when longer. */
export function backgroundWindow(range: { from: number; to: number }): { from: number; to: number } {
  const span = Math.max(SIGNIFICANT_BACKGROUND_DAYS * DAY, range.to - range.from);
  return { from: range.from - span, to: range.from };
}

/**
 * The period against the same customer's background: the same filters over the window before the
 * period (backgroundWindow), never the period itself, which would make every value look like its
 * own normal.
 *
 * Not significant_terms: that aggregation counts the background only on shards that hold period
 * documents, and with monthly indices a 30-day background spans two of them, so its background counts
 * silently shrink at every month start. Instead the query spans background and period; a filter marks
 * the period; per field, the terms most frequent in the period carry both counts, and parse compares
 * their rates.
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
          min_doc_count: MIN_SUPPORT,
          order: [{ period: 'desc' as const }, { _key: 'asc' as const }],
        },
        aggs: { period },
      },
    ]),
  );
  const background = backgroundWindow(ctx.range);
  return {
    size: 0,
    track_total_hits: true,
    request_cache: true,
    query: scopedQuery(ctx.tenant, { from: background.from, to }, def.filters),
    aggs: { period, ...aggs },
  };
}

/**
 * A value's rate before the period. A value never seen before is given half an occurrence, so that
 * it has a finite lift that still ranks it far above anything seen before.
 */
function rateBefore(bgCount: number, bgTotal: number): number {
  return Math.max(bgCount, 0.5) / Math.max(bgTotal, 1);
}

/** JLH: how much more likely the term is in the period than before, weighted by the absolute change. */
export function jlhScore(count: number, periodTotal: number, bgCount: number, bgTotal: number): number {
  if (periodTotal === 0) return 0;
  const fg = count / periodTotal;
  const bg = rateBefore(bgCount, bgTotal);
  return fg > bg ? (fg - bg) * (fg / bg) : 0;
}

export function parseSignificant(
  view: SignificantView,
  response: EsSearchResponse,
): Omit<SignificantResult, 'meta'> {
  const periodTotal = aggregation<{ doc_count: number }>(response, 'period').doc_count;
  const bgTotal = totalHits(response) - periodTotal;
  const rows: SignificantRow[] = view.fields.flatMap((field: SignificantField, i) =>
    aggregation<{ buckets: Candidate[] }>(response, aggName(i))
      .buckets.filter((b) => b.period.doc_count >= MIN_SUPPORT)
      .map((b) => {
        const count = b.period.doc_count;
        const backgroundCount = b.doc_count - count;
        const rate = count / periodTotal;
        const backgroundRate = backgroundCount / Math.max(bgTotal, 1);
        return {
          field,
          key: bucketKey(b),
          score: jlhScore(count, periodTotal, backgroundCount, bgTotal),
          count,
          backgroundCount,
          rate,
          backgroundRate,
          lift: rate / rateBefore(backgroundCount, bgTotal),
        };
      })
      .filter((r) => r.score > 0 && r.lift >= MIN_LIFT)
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
      .slice(0, view.size),
  );
  rows.sort((a, b) => b.score - a.score);
  return { view: 'significant', rows };
}
