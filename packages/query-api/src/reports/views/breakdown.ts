import type { FieldName } from '@sightline/schema';
import {
  type BreakdownResult,
  type BreakdownRow,
  type BreakdownView,
  type FilterNode,
  isAdditive,
  NONE_KEY,
  OTHER_KEY,
} from '@sightline/schema/reports';
import { scopedQuery } from '../query';
import { aggregation, type EsSearchResponse, type SearchBody } from '../es-types';
import { metricAggs, metricValue, readCell, remainder, type MetricBucket, type MetricCell } from '../metrics';
import { missingFields, presenceProbes, requiredFields } from './availability';
import type { ViewContext } from './context';
import { isMultiValued, labelFor } from './labels';
import {
  chooseKeys,
  exactAgg,
  mayRank,
  MIN_RATE_ATTEMPTS,
  pickTop,
  rankAgg,
  rankingIn,
  readExact,
  type RankAnswer,
  type RankSide,
} from './ranking';

/**
 * The ranking pass (see ranking.ts): which keys may make the top N, among the records the definition
 * selects. (Whether the data carries the fields it needs at all is asked beside it: `breakdownPresence`.)
 */
export function compileBreakdownRank(view: BreakdownView, ctx: ViewContext, side?: RankSide): SearchBody {
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    query: ctx.query,
    aggs: { groups: rankAgg(view.groupBy, view.metric, view.top, side) },
  };
}

/** The ranking pass's answer: from summaries, its two searches' (see addRankings). */
export function breakdownRanking(
  view: BreakdownView,
  rankResponse: EsSearchResponse,
  records?: EsSearchResponse,
): RankAnswer {
  return rankingIn(view.groupBy, 'groups', rankResponse, records);
}

/**
 * Whether any record in the window, the definition's filters aside, carries each field the report
 * needs (see availability.ts): searches sent beside the ranking pass. Without filters there are
 * none: the ranking runs over that very window, and a field is carried there if it has any bucket.
 */
export function breakdownPresence(
  view: BreakdownView,
  ctx: ViewContext,
  filters: FilterNode | undefined,
): SearchBody[] {
  if (!filters) return [];
  return presenceProbes(
    requiredFields(view.groupBy, filters),
    ctx.unfiltered ?? scopedQuery(ctx.tenant, ctx.range),
    ctx.carries,
  );
}

/** The keys the counting pass counts, from the ranking pass's answer. */
export function breakdownKeys(view: BreakdownView, ranked: RankAnswer): string[] {
  return chooseKeys(view.metric, view.top, ranked);
}

/** The fields the report needs that no record in the window carries. */
export function breakdownUnavailable(
  view: BreakdownView,
  filters: FilterNode | undefined,
  ranked: RankAnswer,
  presence: readonly EsSearchResponse[],
): FieldName[] {
  const required = requiredFields(view.groupBy, filters);
  if (filters) return missingFields(required, presence);
  // Unfiltered, the only field required is the one grouped by (when it may be missing).
  return ranked.buckets.length > 0 ? [] : required;
}

/** The counting pass: the total, each chosen key exactly, and for multi-valued fields every value. */
export function compileBreakdown(view: BreakdownView, ctx: ViewContext, keys: readonly string[]): SearchBody {
  const metric = metricAggs(view.metric);
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    query: ctx.query,
    aggs: {
      // The total as a bucket, not hits.total: a bucket counts a summary document as the records it
      // stands for (its _doc_count), a hit counts it once.
      all: { filter: { match_all: {} } },
      ...metric,
      ...(keys.length > 0 ? { groups: exactAgg(view.groupBy, keys, metric) } : {}),
      // Records without a value are a row of their own, not part of "Other".
      none: { missing: { field: view.groupBy }, aggs: metric },
      ...(isMultiValued(view.groupBy) ? { values: { value_count: { field: view.groupBy } } } : {}),
    },
  };
}

/** Whether the remainder row can be computed and is wanted (on by default where it adds up). */
export function wantsOther(view: { other?: boolean; metric: BreakdownView['metric'] }): boolean {
  return (view.other ?? true) && isAdditive(view.metric);
}

export function parseBreakdown(
  view: BreakdownView,
  response: EsSearchResponse,
  keys: readonly string[],
  unavailable: readonly FieldName[] = [],
): Omit<BreakdownResult, 'meta'> {
  const total = readCell({
    ...(response.aggregations as Partial<MetricBucket>),
    doc_count: aggregation<{ doc_count: number }>(response, 'all').doc_count,
  });
  const counted = readExact(
    keys,
    response.aggregations?.groups as { buckets: MetricBucket[] } | undefined,
  ).map(({ key, bucket }) => {
    const cell = readCell(bucket);
    return { key, cell, value: metricValue(view.metric, cell) };
  });
  const top = pickTop(
    view.groupBy,
    counted.filter((c) => mayRank(view.metric, c.cell.count)),
    view.top,
  );
  const rows: BreakdownRow[] = top.map(({ key, value }) => ({
    key,
    label: labelFor(view.groupBy, key),
    value,
  }));
  const none = readCell(aggregation<MetricBucket>(response, 'none'));
  if (none.count > 0)
    rows.push({ key: NONE_KEY, label: 'None', value: metricValue(view.metric, none), isNone: true });
  if (wantsOther(view)) {
    const multi = isMultiValued(view.groupBy);
    // A multi-valued field counts a record once per value: its remainder is every value counted less
    // the values shown, and only for counts (a rate's parts overlap).
    const rest: MetricCell = multi
      ? {
          count: Math.max(0, aggregation<{ value: number }>(response, 'values').value - sum(top, 'count')),
          failed: 0,
          distinct: null,
        }
      : remainder(total, [...top.map((r) => r.cell), none]);
    if (rest.count > 0 && (!multi || view.metric === 'count'))
      rows.push({ key: OTHER_KEY, label: 'Other', value: metricValue(view.metric, rest), isOther: true });
  }
  return {
    view: 'breakdown',
    metric: view.metric,
    rows,
    total: metricValue(view.metric, total),
    ...(view.metric === 'failure_rate' ? { minAttempts: MIN_RATE_ATTEMPTS } : {}),
    ...(unavailable.length > 0
      ? {
          notAvailable: {
            fields: [...unavailable],
            message: `not available for this data: none of its records carry ${unavailable.join(', ')}`,
          },
        }
      : {}),
  };
}

const sum = (rows: readonly { cell: MetricCell }[], part: 'count' | 'failed') =>
  rows.reduce((s, r) => s + r.cell[part], 0);
