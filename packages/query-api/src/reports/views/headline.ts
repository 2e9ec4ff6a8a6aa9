import {
  type HeadlineFigures,
  type HeadlineResult,
  type HeadlineView,
  type ResolvedRange,
  toIso,
} from '@sightline/schema/reports';
import type { FieldName } from '@sightline/schema';
import type { estypes } from '@elastic/elasticsearch';
import { countedBy, countedIn, readCounted, tsWithin, type CountingCubes } from '../../summaries/plan';
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

/**
 * The field each figure is counted by, in the order of the cubes a search from summaries passes
 * (planMultiCube): attempts and failures by result, distinct users, countries. Each from the smallest
 * cube holding its field: the counts from a few dozen documents an hour, the distinct users from a
 * document per user and day over whole days, not one per user, country and hour over two weeks.
 */
export const HEADLINE_FIELDS = [
  'result',
  'user.name',
  'access_device.location.country_code',
] as const satisfies readonly FieldName[];

/** Aggregations of one period's headline figures, each over its cubes when from summaries (`cubes`). */
function figureAggs(cubes?: readonly CountingCubes[]) {
  const distinct = (i: 1 | 2) =>
    countedIn(cubes?.[i], {
      cardinality: { field: HEADLINE_FIELDS[i], precision_threshold: PRECISION_THRESHOLD },
    });
  return {
    attempts: {
      filter: cubes?.[0] ? countedBy(cubes[0]) : { match_all: {} },
      aggs: metricAggs('failure_rate'),
    },
    users: distinct(1),
    countries: distinct(2),
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
 * the same snapshot. From summaries, `cubes` are HEADLINE_FIELDS' cubes.
 */
export function compileHeadline(
  view: HeadlineView,
  ctx: ViewContext,
  cubes?: readonly CountingCubes[],
): SearchBody {
  // From summaries by tsWithin: their shards then answer every range within the same hours from
  // their request cache.
  const within = (r: ResolvedRange) => tsWithin(r, cubes !== undefined);
  const periods: Record<string, estypes.QueryDslQueryContainer> = { current: within(ctx.range) };
  if (view.compare === 'previous') periods.previous = within(previousRange(ctx.range));
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    query: ctx.query,
    aggs: { periods: { filters: { filters: periods }, aggs: figureAggs(cubes) } },
  };
}

interface PeriodBucket {
  attempts?: { doc_count: number; failed?: { doc_count: number } };
  users?: unknown;
  countries?: unknown;
}

function readFigures(bucket: PeriodBucket): HeadlineFigures {
  const attempts = bucket.attempts?.doc_count ?? 0;
  const failed = bucket.attempts?.failed?.doc_count ?? 0;
  const distinct = (agg: unknown) => readCounted<{ value: number }>(agg)?.value ?? 0;
  return {
    attempts,
    failed,
    failureRate: attempts > 0 ? failed / attempts : 0,
    distinctUsers: distinct(bucket.users),
    countries: distinct(bucket.countries),
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
