import {
  type HeadlineFigures,
  type HeadlineResult,
  type HeadlineView,
  type ResolvedRange,
  toIso,
} from '@sightline/schema/reports';
import { aggregation, type EsSearchResponse, type SearchBody } from '../es-types';
import { metricAggs } from '../metrics';
import type { ViewContext } from './context';

/** Distinct counts are exact below this many values (users of a customer; countries are ~250). */
const PRECISION_THRESHOLD = 3000;

/** The window just before `range`, of the same length: what a period is compared with. */
export function previousRange(range: ResolvedRange): ResolvedRange {
  const span = range.to - range.from;
  return { from: range.from - span, to: range.from, timeZone: range.timeZone };
}

const between = (r: ResolvedRange) => ({ range: { ts: { gte: r.from, lt: r.to, format: 'epoch_millis' } } });

/** Aggregations of one period's headline figures. */
function figureAggs() {
  return {
    ...metricAggs('failure_rate'),
    users: { cardinality: { field: 'user.name', precision_threshold: PRECISION_THRESHOLD } },
    countries: {
      cardinality: { field: 'access_device.location.country_code', precision_threshold: PRECISION_THRESHOLD },
    },
  };
}

/**
 * The instants a headline's search spans, in order: the previous window's start (when it compares),
 * the period's start and its end. Its scoped query covers the first to the last.
 */
export function headlineBoundaries(view: HeadlineView, range: ResolvedRange): number[] {
  return view.compare === 'previous'
    ? [previousRange(range).from, range.from, range.to]
    : [range.from, range.to];
}

/**
 * One search for both periods: `ctx.query` spans the previous window and the current one (see
 * headlineBoundaries), and a `filters` aggregation splits it, so the two sets of figures come from
 * the same snapshot.
 */
export function compileHeadline(view: HeadlineView, ctx: ViewContext): SearchBody {
  const periods: Record<string, ReturnType<typeof between>> = { current: between(ctx.range) };
  if (view.compare === 'previous') periods.previous = between(previousRange(ctx.range));
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    query: ctx.query,
    aggs: { periods: { filters: { filters: periods }, aggs: figureAggs() } },
  };
}

interface PeriodBucket {
  doc_count: number;
  failed?: { doc_count: number };
  users?: { value: number };
  countries?: { value: number };
}

function readFigures(bucket: PeriodBucket): HeadlineFigures {
  const failed = bucket.failed?.doc_count ?? 0;
  return {
    attempts: bucket.doc_count,
    failed,
    failureRate: bucket.doc_count > 0 ? failed / bucket.doc_count : 0,
    distinctUsers: bucket.users?.value ?? 0,
    countries: bucket.countries?.value ?? 0,
  };
}

export function parseHeadline(
  view: HeadlineView,
  response: EsSearchResponse,
  range: ResolvedRange,
): Omit<HeadlineResult, 'meta'> {
  const buckets = aggregation<{ buckets: Record<string, PeriodBucket> }>(response, 'periods').buckets;
  const current = buckets.current;
  if (!current) throw new Error("Elasticsearch response lacks the headline's current period");
  const result: Omit<HeadlineResult, 'meta'> = { view: 'headline', current: readFigures(current) };
  if (view.compare !== 'previous') return result;
  const previous = buckets.previous;
  if (!previous) throw new Error("Elasticsearch response lacks the headline's previous period");
  const before = previousRange(range);
  return {
    ...result,
    previous: { from: toIso(before.from), to: toIso(before.to), figures: readFigures(previous) },
  };
}
