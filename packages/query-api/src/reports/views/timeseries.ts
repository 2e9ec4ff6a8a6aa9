import type { estypes } from '@elastic/elasticsearch';
import type { GroupableField } from '@sightline/schema';
import {
  NONE_SERIES,
  OTHER_SERIES,
  type TimeseriesResult,
  type TimeseriesRow,
  type TimeseriesView,
} from '@sightline/schema/reports';
import { floorHour } from '../../summaries/plan';
import { aggregation, type EsSearchResponse, type SearchBody } from '../es-types';
import type { IntervalChoice } from '../interval';
import { metricAggs, metricValue, readCell, remainder, type MetricBucket, type MetricCell } from '../metrics';
import { wantsOther } from './breakdown';
import type { ViewContext } from './context';
import { isMultiValued } from './labels';
import {
  chooseKeys,
  exactAgg,
  mayRank,
  pickTop,
  rankAgg,
  rankingIn,
  readExact,
  type RankSide,
} from './ranking';

type TimeBucket = MetricBucket & { key: number };
interface Histogram {
  buckets: TimeBucket[];
}
type StackBucket = MetricBucket & { over_time: Histogram };

function histogram(
  view: TimeseriesView,
  ctx: ViewContext,
  interval: IntervalChoice,
): estypes.AggregationsAggregationContainer {
  return {
    date_histogram: {
      field: 'ts',
      ...interval.es,
      time_zone: ctx.range.timeZone,
      // Empty buckets are real zeros: a quiet hour is drawn as a dip, not skipped.
      min_doc_count: 0,
      // From summaries (hourly or coarser buckets, whole hours from UTC), the hours holding the
      // range's ends lie in the same buckets as its ends: the same buckets, on the hour.
      extended_bounds: ctx.summaries
        ? { min: floorHour(ctx.range.from), max: floorHour(ctx.range.to - 1) }
        : { min: ctx.range.from, max: ctx.range.to - 1 },
    },
    aggs: metricAggs(view.metric),
  };
}

/** The ranking pass of a stacked series (see ranking.ts): which stacks may make the top N. */
export function compileStackRank(
  view: TimeseriesView & { stackBy: GroupableField },
  ctx: ViewContext,
  side?: RankSide,
): SearchBody {
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    query: ctx.query,
    aggs: { stacks: rankAgg(view.stackBy, view.metric, view.top, side) },
  };
}

/** The stacks the counting pass counts, from the ranking pass's answer (from summaries, its two searches'). */
export function stackKeys(
  view: TimeseriesView & { stackBy: GroupableField },
  rankResponse: EsSearchResponse,
  records?: EsSearchResponse,
): string[] {
  return chooseKeys(view.metric, view.top, rankingIn(view.stackBy, 'stacks', rankResponse, records));
}

/** The series: every bucket's total and, when stacked, each chosen stack exactly (its whole-range metric ranks it). */
export function compileTimeseries(
  view: TimeseriesView,
  ctx: ViewContext,
  interval: IntervalChoice,
  keys: readonly string[] = [],
): SearchBody {
  const overTime = histogram(view, ctx, interval);
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    query: ctx.query,
    aggs: {
      over_time: overTime,
      ...(view.stackBy && keys.length > 0
        ? { stacks: exactAgg(view.stackBy, keys, { ...metricAggs(view.metric), over_time: overTime }) }
        : {}),
      // Records without a value are a series of their own, not part of "Other".
      ...(view.stackBy ? { none: { missing: { field: view.stackBy }, aggs: { over_time: overTime } } } : {}),
    },
  };
}

export function parseTimeseries(
  view: TimeseriesView,
  response: EsSearchResponse,
  interval: IntervalChoice,
  keys: readonly string[] = [],
): Omit<TimeseriesResult, 'meta'> {
  const totals = aggregation<Histogram>(response, 'over_time').buckets;
  const base = { view: 'timeseries' as const, metric: view.metric, interval: interval.interval };
  if (!view.stackBy) {
    const rows = totals.map((b) => ({
      t: b.key,
      values: { [view.metric]: metricValue(view.metric, readCell(b)) },
    }));
    return { ...base, series: [view.metric], rows };
  }
  const counted = readExact(
    keys,
    response.aggregations?.stacks as { buckets: StackBucket[] } | undefined,
  ).map(({ key, bucket }) => ({ key, bucket, value: metricValue(view.metric, readCell(bucket)) }));
  const chosen = pickTop(
    view.stackBy,
    counted.filter((c) => mayRank(view.metric, c.bucket.doc_count)),
    view.top,
  );
  const stacks = chosen.map((s) => s.bucket);
  const names = chosen.map((s) => s.key);
  const cells = stacks.map((s) => new Map(s.over_time.buckets.map((b) => [b.key, readCell(b)])));
  const other = wantsOther(view) && !isMultiValued(view.stackBy);
  const empty: MetricCell = { count: 0, failed: 0, distinct: 0 };
  const noneAgg = aggregation<{ doc_count: number; over_time: Histogram }>(response, 'none');
  const none =
    noneAgg.doc_count > 0 ? new Map(noneAgg.over_time.buckets.map((b) => [b.key, readCell(b)])) : null;
  const rows: TimeseriesRow[] = totals.map((bucket) => {
    const parts = cells.map((c) => c.get(bucket.key) ?? empty);
    const values: Record<string, number> = {};
    names.forEach((name, i) => (values[name] = metricValue(view.metric, parts[i]!)));
    const missing = none?.get(bucket.key) ?? empty;
    if (none) values[NONE_SERIES] = metricValue(view.metric, missing);
    if (other)
      values[OTHER_SERIES] = metricValue(view.metric, remainder(readCell(bucket), [...parts, missing]));
    return { t: bucket.key, values };
  });
  const hasOther = other && rows.some((r) => (r.values[OTHER_SERIES] ?? 0) > 0);
  if (other && !hasOther) rows.forEach((r) => delete r.values[OTHER_SERIES]);
  const series = [...names, ...(none ? [NONE_SERIES] : []), ...(hasOther ? [OTHER_SERIES] : [])];
  return { ...base, series, rows };
}
