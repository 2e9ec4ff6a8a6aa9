import { READ_ALIAS } from '../schema';
import type {
  BreakdownView,
  GeoView,
  LogView,
  NormalizedReportDefinition,
  SignificantView,
  TimeseriesView,
} from './definition';
import type { CursorKey } from './cursor';
import type { EsSearchResponse, SearchBody } from './es-types';
import { chooseInterval, type IntervalChoice } from './interval';
import { ReportDefinitionError } from './issues';
import { scopedQuery } from './query';
import type { ReportMeta, ReportResult } from './result';
import { resolveRange, toIso, type ResolvedRange } from './time';
import { compileBreakdown, parseBreakdown } from './views/breakdown';
import type { ViewContext } from './views/context';
import { compileGeo, parseGeo } from './views/geo';
import { compileLog, narrowLog, parseLog, type LogPlan, type LogProbe } from './views/log';
import { compileSignificant, parseSignificant } from './views/significant';
import { compileTimeseries, parseTimeseries } from './views/timeseries';

/** What parse needs to know of how the request was compiled. */
export type Plan =
  | { view: 'breakdown' | 'geo' | 'significant' }
  | { view: 'timeseries'; interval: IntervalChoice }
  | ({ view: 'log' } & LogPlan);

/** A search to send: `client.search({ index, ...body })`. */
export interface CompiledRequest {
  index: string;
  body: SearchBody;
  range: ResolvedRange;
  plan: Plan;
  /**
   * A search to send first, when it makes the real one cheaper: pass its response to `narrow` for
   * the request to send instead of this one (today only time-ordered log pages have one).
   */
  probe?: LogProbe;
}

type Def<V> = NormalizedReportDefinition & { view: V };

/** What compiling and parsing need besides the definition, the tenant and the clock. */
export interface CompileOptions {
  /**
   * Seals the log's next-page cursors and checks the ones given back. Passed in, not read here, so
   * the compiler stays pure and the secret stays with the server.
   */
  cursors: CursorKey;
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
    return {
      index: query.index,
      body,
      range: query.range,
      plan: { view: 'log', ...plan },
      ...(probe ? { probe } : {}),
    };
  }
  const range = resolveRange(def.timeRange, now);
  const ctx: ViewContext = { tenant, range, query: scopedQuery(tenant, range, def.filters) };
  const request = (body: SearchBody, plan: Plan): CompiledRequest => ({
    index: READ_ALIAS,
    body,
    range,
    plan,
  });
  switch (view.type) {
    case 'breakdown':
      return request(compileBreakdown(view, ctx), { view: 'breakdown' });
    case 'geo':
      return request(compileGeo(view, ctx), { view: 'geo' });
    case 'significant':
      return request(compileSignificant(def as Def<SignificantView>, ctx), { view: 'significant' });
    case 'timeseries': {
      const interval = chooseInterval(range.to - range.from, view.interval, view.stackBy ? view.top : 0);
      if (typeof interval === 'string')
        throw new ReportDefinitionError([{ path: 'view.interval', message: interval }]);
      return request(compileTimeseries(view, ctx, interval), { view: 'timeseries', interval });
    }
  }
}

/** The request to send once its probe has answered (see `CompiledRequest.probe`). Pure. */
export function narrow(request: CompiledRequest, probeResponse: EsSearchResponse): CompiledRequest {
  const { probe, plan, ...rest } = request;
  if (!probe || plan.view !== 'log') return request;
  const narrowed = narrowLog(request.body, plan, probe, probeResponse);
  return { ...rest, body: narrowed.body, plan: { ...narrowed.plan, view: 'log' } };
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
  };
  const { plan } = request;
  const view = def.view;
  if (view.type !== plan.view) throw new Error(`a ${plan.view} request cannot parse a ${view.type} view`);
  switch (plan.view) {
    case 'breakdown':
      return { ...parseBreakdown(view as BreakdownView, response), meta };
    case 'geo':
      return { ...parseGeo(view as GeoView, response), meta };
    case 'significant':
      return { ...parseSignificant(view as SignificantView, response), meta };
    case 'timeseries':
      return { ...parseTimeseries(view as TimeseriesView, response, plan.interval), meta };
    case 'log':
      return { ...parseLog(view as LogView, response, plan, options.cursors), meta };
  }
}
