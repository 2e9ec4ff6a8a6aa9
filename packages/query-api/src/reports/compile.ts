import type { estypes } from '@elastic/elasticsearch';
import { READ_ALIAS } from '../store/mapping';
import { type FieldName } from '@sightline/schema';
import { HOUR_MS, summaryIndex } from '../summaries/cubes';
import {
  carriesField,
  clippedTo,
  planMultiCube,
  type CountingCubes,
  planSummaries,
  summaryScopedQuery,
  wholeHourOffsets,
  type CubeNeeds,
  type SummaryCoverage,
  type SummarySplit,
} from '../summaries/plan';
import {
  type BreakdownView,
  type CursorKey,
  type FilterNode,
  type GeoView,
  type HeadlineView,
  type LogView,
  type NormalizedReportDefinition,
  ReportDefinitionError,
  type ReportMeta,
  type ReportResult,
  type ResolvedRange,
  resolveRange,
  type SignificantView,
  type TimeseriesView,
  toIso,
} from '@sightline/schema/reports';
import type { EsSearchResponse, SearchBody } from './es-types';
import { chooseInterval, INTERVAL_MS, type IntervalChoice } from './interval';
import { scopedQuery } from './query';
import {
  breakdownKeys,
  breakdownPresence,
  breakdownRanking,
  breakdownUnavailable,
  compileBreakdown,
  compileBreakdownRank,
  parseBreakdown,
} from './views/breakdown';
import type { ViewContext } from './views/context';
import { compileGeo, parseGeo } from './views/geo';
import { compileHeadline, HEADLINE_FIELDS, headlineBoundaries, parseHeadline } from './views/headline';
import { compileLog, narrowLog, parseLog, withSummaryCount, type LogPlan, type LogProbe } from './views/log';
import type { RankSide } from './views/ranking';
import {
  backgroundWindow,
  compileSignificant,
  compileSignificantRank,
  parseSignificant,
  significantKeys,
  significantQuery,
} from './views/significant';
import { compileStackRank, compileTimeseries, parseTimeseries, stackKeys } from './views/timeseries';

type QueryContainer = estypes.QueryDslQueryContainer;

/** What parse needs to know of how the request was compiled. */
export type Plan =
  | { view: 'geo' }
  | { view: 'headline' }
  | ({ view: 'significant' } & SignificantPlan)
  | ({ view: 'breakdown' } & RankPlan<BreakdownView>)
  | ({ view: 'timeseries'; interval: IntervalChoice } & RankPlan<TimeseriesView>)
  | ({ view: 'log' } & LogPlan);

/**
 * A top-N ranking is counted in two passes (views/ranking.ts): `keys` is null until the ranking pass
 * (the request's probe) has answered and `narrow` has chosen the keys the counting pass counts.
 */
export interface RankPlan<V> {
  tenant: string;
  spec: V;
  /** The scoped query the counting pass runs (a breakdown's ranking pass too). */
  query: estypes.QueryDslQueryContainer;
  filters?: FilterNode;
  keys: string[] | null;
  /** Fields the report needs that no record in the window carries, once the probes have answered. */
  unavailable?: FieldName[];
}

/** Out of the ordinary in two passes too: `keys` (per field) are null until its ranking pass answers. */
export interface SignificantPlan {
  tenant: string;
  spec: SignificantView;
  /** The counting pass's query: period and background. */
  query: estypes.QueryDslQueryContainer;
  /** From summaries: per field, the cubes that count it. */
  cubes?: CountingCubes[];
  keys: string[][] | null;
}

/** One search: `client.search({ index, ...body })`. */
export interface Search {
  index: string;
  body: SearchBody;
}

/** The ranking pass of a top-N view. */
export interface RankProbe {
  body: SearchBody;
  /** The indices `body` reads, when not the request's: from summaries, the summaries alone. */
  index?: string;
  /**
   * From summaries, when the range has hours they leave out: the same ranking over the records of
   * those hours, sent beside it (see RankSide). Its answer goes to `narrow` first after the ranking's.
   */
  records?: Search;
  /**
   * Searches sent beside it, each saying whether any record in the window carries a field the
   * report needs (a breakdown's): their answers go to `narrow` after the rankings', in this order.
   */
  presence?: SearchBody[];
}

/**
 * A request's probe searches, to send side by side: its own, then its ranking over the records beside
 * summaries, then a breakdown's presence probes, in this order; for a log's first page, its probe
 * and the count of its total from summaries. None without a probe.
 */
export function probeSearches(request: CompiledRequest): Search[] {
  const { probe, index } = request;
  if (!probe) return [];
  if ('order' in probe) return [{ index, body: probe.body }, ...(probe.count ? [probe.count] : [])];
  const rank: RankProbe = probe;
  return [
    { index: rank.index ?? index, body: probe.body },
    ...(rank.records ? [rank.records] : []),
    ...(rank.presence ?? []).map((body) => ({ index, body })),
  ];
}

/** A search to send: `client.search({ index, ...body })`. */
export interface CompiledRequest {
  index: string;
  body: SearchBody;
  range: ResolvedRange;
  plan: Plan;
  /** Where the numbers come from (see ReportMeta.source). */
  source: 'records' | 'summaries';
  /**
   * Searches to send first (probeSearches): pass their answers to `narrow` for the request to send
   * instead of this one. Time-ordered log pages have one that makes the page cheaper; top-N rankings (breakdowns,
   * stacked series) have one that chooses the keys the real search counts exactly, and cannot be
   * parsed without it.
   */
  probe?: LogProbe | RankProbe;
}

type Def<V> = NormalizedReportDefinition & { view: V };

/** What compiling and parsing need besides the definition, the tenant and the clock. */
export interface CompileOptions {
  /**
   * Seals the log's next-page cursors and checks the ones given back. Passed in, not read here, so
   * the compiler stays pure and the secret stays with the server.
   */
  cursors: CursorKey;
  /**
   * How far the hourly summaries reach, read by the server: whole hours before `through` are
   * counted from summaries wherever a report needs nothing else (see summaries/plan.ts). Without it
   * every report reads the records.
   */
  summaries?: SummaryCoverage;
}

/**
 * Compiles a validated definition into one Elasticsearch search for `tenant` (from the caller's
 * credentials) at `now`. Pure: no I/O, no clock. Throws ReportDefinitionError for definitions that are
 * well-formed but cannot run as asked (too many buckets, a cursor from another query or customer).
 */
export function compile(
  def: NormalizedReportDefinition,
  tenant: string,
  now: Date,
  options: CompileOptions,
): CompiledRequest {
  const view = def.view;
  if (view.type === 'log') {
    const { query, body, plan, probe } = compileLog(def as Def<LogView>, tenant, now, options.cursors);
    // The first page's total from summaries where they can count it (later pages carry it).
    const split =
      probe && plan.total === null
        ? planSummaries([], def.filters, [query.range.from, query.range.to], options.summaries, READ_ALIAS)
        : null;
    const counted =
      probe && split
        ? withSummaryCount(probe, {
            index: split.index,
            query: summaryScopedQuery(tenant, split, def.filters),
          })
        : probe;
    return {
      index: query.index,
      body,
      range: query.range,
      plan: { view: 'log', ...plan },
      source: split ? 'summaries' : 'records',
      ...(counted ? { probe: counted } : {}),
    };
  }
  const range = resolveRange(def.timeRange, now);
  const interval =
    view.type === 'timeseries'
      ? chooseInterval(range.to - range.from, view.interval, view.stackBy ? view.top : 0)
      : null;
  if (typeof interval === 'string')
    throw new ReportDefinitionError([{ path: 'view.interval', message: interval }]);
  const boundaries = view.type === 'headline' ? headlineBoundaries(view, range) : [range.from, range.to];
  const split = summarySplit(def, range, boundaries, interval, options.summaries);
  const scope = { from: boundaries[0]!, to: range.to };
  const ctx: ViewContext = split
    ? {
        tenant,
        range,
        query: summaryScopedQuery(tenant, split, def.filters),
        unfiltered: summaryScopedQuery(tenant, split),
        carries: carriesField,
        summaries: true,
      }
    : { tenant, range, query: scopedQuery(tenant, scope, def.filters) };
  /** A request over the records, or over the summaries of `over` (the report's split by default). */
  const request = (
    body: SearchBody,
    plan: Plan,
    over: { index: string } | null = split,
  ): CompiledRequest => ({
    index: over ? over.index : READ_ALIAS,
    body,
    range,
    plan,
    source: over ? 'summaries' : 'records',
  });
  /** A ranking pass: over the scope, or from summaries (rankFromSummaries). */
  const rankProbe = (rank: RankSearch): RankProbe =>
    split ? rankFromSummaries(ctx, split, def.filters, summaryIndex(split.cube), rank) : { body: rank(ctx) };
  switch (view.type) {
    case 'breakdown': {
      const rank = rankProbe((c, side) => compileBreakdownRank(view, c, side));
      const presence = breakdownPresence(view, ctx, def.filters);
      const plan = { view: 'breakdown' as const, tenant, spec: view, query: ctx.query, keys: null };
      return {
        ...request(rank.body, { ...plan, ...(def.filters ? { filters: def.filters } : {}) }),
        probe: { ...rank, ...(presence.length > 0 ? { presence } : {}) },
      };
    }
    case 'geo':
      return request(compileGeo(view, ctx, split !== null), { view: 'geo' });
    case 'headline': {
      const multi = planMultiCube(HEADLINE_FIELDS, def.filters, boundaries, options.summaries, READ_ALIAS);
      const over = multi
        ? { ...ctx, query: summaryScopedQuery(tenant, multi, def.filters), summaries: true }
        : ctx;
      return request(compileHeadline(view, over, multi?.cubes), { view: 'headline' }, multi);
    }
    case 'significant': {
      const multi = significantSplit(def as Def<SignificantView>, ctx, options.summaries);
      const probe = multi ? multi.probe : { body: compileSignificantRank(view, ctx) };
      const plan: Plan = {
        view: 'significant',
        tenant,
        spec: view,
        keys: null,
        query: multi ? multi.countQuery : significantQuery(tenant, range, def.filters),
        ...(multi ? { cubes: multi.cubes } : {}),
      };
      return { ...request(probe.body, plan, multi), probe };
    }
    case 'timeseries': {
      if (!interval) throw new Error('a time series has an interval');
      const plan = { view: 'timeseries' as const, interval, tenant, spec: view, query: ctx.query };
      if (!view.stackBy) return request(compileTimeseries(view, ctx, interval), { ...plan, keys: [] });
      const stackBy = view.stackBy;
      const rank = rankProbe((c, side) => compileStackRank({ ...view, stackBy }, c, side));
      return { ...request(rank.body, { ...plan, keys: null }), probe: rank };
    }
  }
}

/**
 * Whether summaries answer this report, and over which hours. They hold counts by a few fields:
 * a report that counts attempts or failures (or distinct users and countries, whose values they
 * keep) by those fields, filtered on them, can read them. A time series needs hourly or coarser
 * buckets in a zone a whole number of hours from UTC, so each summarised hour falls in one bucket.
 * A map by country needs the centroid sums of a cube that keeps them; a map by grid cell needs
 * every record's position and reads the records.
 */
function summarySplit(
  def: NormalizedReportDefinition,
  range: ResolvedRange,
  boundaries: readonly number[],
  interval: IntervalChoice | null,
  coverage: SummaryCoverage | undefined,
): SummarySplit | null {
  if (!coverage) return null;
  const view = def.view;
  const counts = (metric: string) => metric === 'count' || metric === 'failure_rate';
  let needs: FieldName[];
  let also: CubeNeeds = {};
  switch (view.type) {
    case 'breakdown':
      if (!counts(view.metric)) return null;
      needs = [view.groupBy];
      break;
    case 'timeseries':
      if (!counts(view.metric) || !interval || INTERVAL_MS[interval.interval] < HOUR_MS) return null;
      if (!wholeHourOffsets(range.timeZone, range.from, range.to)) return null;
      needs = view.stackBy ? [view.stackBy] : [];
      break;
    case 'geo':
      if (view.mode !== 'country' || !counts(view.metric)) return null;
      needs = ['access_device.location.country_code', 'access_device.location.country'];
      also = { centroid: true };
      break;
    default:
      return null;
  }
  return planSummaries(needs, def.filters, boundaries, coverage, READ_ALIAS, also);
}

/**
 * Out of the ordinary from summaries: each field counted from its own cube (countries, applications,
 * reasons, users: each counts every record once), the period and the background before it split
 * into whole hours from summaries and partial hours from the records (the hour holding the period's
 * start is read raw, so no summary document straddles it). The same two exact passes then run over
 * far fewer documents: candidates from the period, then each counted in both windows.
 */
function significantSplit(
  def: Def<SignificantView>,
  ctx: ViewContext,
  coverage: SummaryCoverage | undefined,
): { index: string; cubes: CountingCubes[]; probe: RankProbe; countQuery: QueryContainer } | null {
  const { tenant, range } = ctx;
  const background = backgroundWindow(range);
  const multi = planMultiCube(
    def.view.fields,
    def.filters,
    [background.from, range.from, range.to],
    coverage,
    READ_ALIAS,
  );
  if (!multi) return null;
  // Clipped, not filtered: splitWindows joins the background's last summarised hours with the
  // period's when the period starts on the hour.
  const period = clippedTo(multi, range);
  const summaries = multi.index
    .split(',')
    .filter((index) => index !== READ_ALIAS)
    .join(',');
  return {
    index: multi.index,
    cubes: multi.cubes,
    // The ranking as a breakdown's; the counting pass reads both sides in one search: as two side by
    // side it took as long (101.8 / 160.8 ms p50 / p95 in one, 95.8 / 161.4 in two at 50M records).
    probe: rankFromSummaries(ctx, period, def.filters, summaries, (c, side) =>
      // Records count for every field: no cube to pick.
      compileSignificantRank(def.view, c, side === 'records' ? undefined : multi.cubes, side),
    ),
    countQuery: summaryScopedQuery(tenant, multi, def.filters),
  };
}

/** A ranking pass's search over a scope: the whole of it, or one side of a ranking from summaries. */
type RankSearch = (ctx: ViewContext, side?: RankSide) => SearchBody;

/**
 * A ranking pass from summaries: over their indices (`summaries`) alone and, when `windows` has hours
 * they leave out, beside it over the records of those hours. Sent apart, the records' side can look
 * addresses up record by record instead of through the current month's global ordinals, which
 * Elasticsearch rebuilds at every refresh (see executionHint); narrow adds the two answers up
 * (addRankings).
 */
function rankFromSummaries(
  ctx: ViewContext,
  windows: Parameters<typeof summaryScopedQuery>[1],
  filters: FilterNode | undefined,
  summaries: string,
  rank: RankSearch,
): RankProbe {
  const over = (w: Parameters<typeof summaryScopedQuery>[1]) => ({
    ...ctx,
    query: summaryScopedQuery(ctx.tenant, w, filters),
  });
  return {
    index: summaries,
    body: rank(over({ ...windows, raw: [] }), 'summaries'),
    ...(windows.raw.length > 0
      ? {
          records: {
            index: READ_ALIAS,
            body: rank(over({ summarised: [], raw: windows.raw }), 'records'),
          },
        }
      : {}),
  };
}

/**
 * The request to send once its probe has answered (see `CompiledRequest.probe`), with the answers to
 * the probe's other searches, if it has any, in probeSearches' order. Pure.
 */
export function narrow(
  request: CompiledRequest,
  probeResponse: EsSearchResponse,
  others: readonly EsSearchResponse[] = [],
): CompiledRequest {
  const { probe, plan, ...rest } = request;
  if (!probe) return request;
  // The ranking over the records beside summaries answers first, then the presence probes.
  const besides = 'records' in probe && probe.records !== undefined;
  const records = besides ? others[0] : undefined;
  if (besides && !records)
    throw new Error('narrow: the ranking over the records was sent, its answer not given');
  const presence = besides ? others.slice(1) : others;
  switch (plan.view) {
    case 'log': {
      const narrowed = narrowLog(request.body, plan, probe as LogProbe, probeResponse, others[0]);
      return { ...rest, body: narrowed.body, plan: { ...narrowed.plan, view: 'log' } };
    }
    case 'breakdown': {
      const ranked = breakdownRanking(plan.spec, probeResponse, records);
      const keys = breakdownKeys(plan.spec, ranked);
      const asked = 'presence' in probe ? (probe.presence?.length ?? 0) : 0;
      // Without its presence answers a report would read "none found" where the data lacks a field.
      if (presence.length !== asked)
        throw new Error(`narrow: ${asked} presence probes were sent, ${presence.length} answers given`);
      const unavailable = breakdownUnavailable(plan.spec, plan.filters, ranked, presence);
      const body = compileBreakdown(plan.spec, rankContext(request, plan), keys);
      return { ...rest, body, plan: { ...plan, keys, unavailable } };
    }
    case 'timeseries': {
      if (!plan.spec.stackBy) return request;
      const keys = stackKeys({ ...plan.spec, stackBy: plan.spec.stackBy }, probeResponse, records);
      const body = compileTimeseries(plan.spec, rankContext(request, plan), plan.interval, keys);
      return { ...rest, body, plan: { ...plan, keys } };
    }
    case 'significant': {
      const keys = significantKeys(plan.spec, probeResponse, records);
      const body = compileSignificant(plan.spec, plan.query, request.range, keys, plan.cubes);
      return { ...rest, body, plan: { ...plan, keys } };
    }
    default:
      return request;
  }
}

/** The view context a counting pass runs in: the definition's scoped query and window. */
function rankContext(request: CompiledRequest, plan: RankPlan<unknown>): ViewContext {
  return {
    tenant: plan.tenant,
    range: request.range,
    query: plan.query,
    ...(request.source === 'summaries' ? { summaries: true } : {}),
  };
}

function chosenKeys(plan: RankPlan<unknown>): string[] {
  if (plan.keys === null)
    throw new Error('a top-N ranking is parsed from its counting pass: send the probe and narrow first');
  return plan.keys;
}

/** Turns the Elasticsearch response to `request` into the view's result. Pure. */
export function parse(
  def: NormalizedReportDefinition,
  response: EsSearchResponse,
  request: CompiledRequest,
  options: CompileOptions,
): ReportResult {
  const meta: ReportMeta = {
    tookMs: response.took,
    from: toIso(request.range.from),
    to: toIso(request.range.to),
    timeZone: request.range.timeZone,
    source: request.source,
  };
  const { plan } = request;
  const view = def.view;
  if (view.type !== plan.view) throw new Error(`a ${plan.view} request cannot parse a ${view.type} view`);
  switch (plan.view) {
    case 'breakdown':
      return {
        ...parseBreakdown(view as BreakdownView, response, chosenKeys(plan), plan.unavailable),
        meta,
      };
    case 'geo':
      return { ...parseGeo(view as GeoView, response), meta };
    case 'headline':
      return { ...parseHeadline(view as HeadlineView, response, request.range), meta };
    case 'significant': {
      if (plan.keys === null)
        throw new Error(
          'out of the ordinary is parsed from its counting pass: send the probe and narrow first',
        );
      return { ...parseSignificant(view as SignificantView, response, plan.keys), meta };
    }
    case 'timeseries':
      return {
        ...parseTimeseries(view as TimeseriesView, response, plan.interval, chosenKeys(plan)),
        meta,
      };
    case 'log':
      return { ...parseLog(view as LogView, response, plan, options.cursors), meta };
  }
}
