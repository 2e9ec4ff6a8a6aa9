import type { BreakdownView } from '../definition';
import {
  aggregation,
  bucketKey,
  totalHits,
  type EsSearchResponse,
  type SearchBody,
  type TermsBucket,
} from '../es-types';
import {
  isAdditive,
  metricAggs,
  metricOrder,
  metricValue,
  readCell,
  remainder,
  type MetricBucket,
} from '../metrics';
import { OTHER_KEY, type BreakdownResult, type BreakdownRow } from '../result';
import type { ViewContext } from './context';
import { isMultiValued, labelFor } from './labels';

type Bucket = TermsBucket & MetricBucket;
interface GroupsAgg {
  buckets: Bucket[];
  sum_other_doc_count: number;
}

export function compileBreakdown(view: BreakdownView, ctx: ViewContext): SearchBody {
  return {
    size: 0,
    track_total_hits: true,
    request_cache: true,
    query: ctx.query,
    aggs: {
      ...metricAggs(view.metric),
      groups: {
        terms: { field: view.groupBy, size: view.top, order: metricOrder(view.metric) },
        aggs: metricAggs(view.metric),
      },
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
): Omit<BreakdownResult, 'meta'> {
  const groups = aggregation<GroupsAgg>(response, 'groups');
  const total = readCell({
    ...(response.aggregations as Partial<MetricBucket>),
    doc_count: totalHits(response),
  });
  const rows: BreakdownRow[] = groups.buckets.map((b) => {
    const key = bucketKey(b);
    return { key, label: labelFor(view.groupBy, key), value: metricValue(view.metric, readCell(b)) };
  });
  if (wantsOther(view)) {
    const multi = isMultiValued(view.groupBy);
    // A multi-valued field counts a record once per value: its remainder is Elasticsearch's own count.
    const rest = multi
      ? { count: groups.sum_other_doc_count, failed: 0, distinct: null }
      : remainder(total, groups.buckets.map(readCell));
    if (rest.count > 0 && (!multi || view.metric === 'count'))
      rows.push({ key: OTHER_KEY, label: 'Other', value: metricValue(view.metric, rest), isOther: true });
  }
  return { view: 'breakdown', metric: view.metric, rows, total: metricValue(view.metric, total) };
}
