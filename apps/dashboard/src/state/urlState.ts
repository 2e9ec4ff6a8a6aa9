import { isCustomerId, type FieldName } from '@sightline/schema';
import { DEFAULT_BUILDER, isBuilderView, isGroupableField, isMetric, type BuilderState } from './builder';
import { DEFAULT_COLUMNS, decodeColumns, encodeColumns, sameColumns } from './columns';
import { ENTITY_PAGES, ENTITY_PARAMS, entityProblem, isEntityRoute } from './entity';
import {
  appendAuditFilter,
  decodeAuditFilter,
  FINDINGS_AUDIT_PARAMS,
  type FindingsAuditFilter,
} from './findingsAudit';
import {
  acceptsValues,
  isFilterableField,
  isSearchableField,
  MAX_VALUE_LENGTH,
  valueProblem,
  type DashboardFilter,
} from './filters';
import { searchBudgetProblem } from './searchQuery';
import { isRefreshInterval, type RefreshInterval } from './refresh';
import { ROUTES, routeForPath, type Route } from './routes';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT,
  decodePageSize,
  decodeSort,
  encodeSort,
  type LogSort,
  type PageSize,
} from './sort';
import {
  DEFAULT_TIME,
  fixedRange,
  isTimePreset,
  isValidTimeZone,
  parseInstant,
  type TimeSelection,
} from './timeRange';

/** Everything a view depends on. It lives in the URL, so reload, back/forward and shared links restore it. */
export interface DashboardState {
  /** The customer an admin token reads; a customer token reads its own and needs none. */
  customer?: string;
  route: Route;
  time: TimeSelection;
  timeZone: string;
  filters: DashboardFilter[];
  refresh: RefreshInterval;
  /** Log page only. */
  sort: LogSort;
  /** Log page only: rows per "load more". */
  pageSize: PageSize;
  /** Log page only: the columns shown, in their order; the export holds these, in this order. */
  columns: FieldName[];
  /** Report builder only. */
  builder: BuilderState;
  /** User and IP pages only: the user name or address the page is about. */
  entity?: string;
  /** Findings audit page only: one finding's history, a user's findings, one token's changes. */
  auditFilter?: FindingsAuditFilter;
}

export interface DecodedState {
  state: DashboardState;
  /** What was ignored and why, for a notice: a link is never refused outright. */
  issues: string[];
}

/** Upper bound on filter parameters read from one URL, so a hostile link cannot make thousands of pills. */
export const MAX_FILTER_PARAMS = 100;

/** Free text over every searchable field: `q=alice`. */
const TEXT_PARAM = 'q';
const FILTER_PREFIXES = { 'f.': 'is', 'x.': 'isNot', 'q.': 'search', 'has.': 'exists' } as const;
const KNOWN_PARAMS = new Set([
  'customer',
  'last',
  'from',
  'to',
  'tz',
  'refresh',
  'sort',
  'size',
  'columns',
  'view',
  'by',
  'metric',
  ...ENTITY_PARAMS,
  ...FINDINGS_AUDIT_PARAMS,
]);

export function defaultState(timeZone: string, route: Route = 'overview'): DashboardState {
  return {
    route,
    time: DEFAULT_TIME,
    timeZone,
    filters: [],
    refresh: 'off',
    sort: DEFAULT_SORT,
    pageSize: DEFAULT_PAGE_SIZE,
    columns: [...DEFAULT_COLUMNS],
    builder: DEFAULT_BUILDER,
  };
}

/**
 * Reads a URL's path and query; every unusable part falls back to its default and is reported.
 * `fallbackZone` is the zone when the URL names none or an unknown one; pass a function to look it
 * up only then (the browser's zone costs the page's first use of Intl, tens of milliseconds).
 */
export function decodeState(
  pathname: string,
  search: string,
  fallbackZone: string | (() => string),
): DecodedState {
  const issues: string[] = [];
  const params = new URLSearchParams(search);
  const route = routeForPath(pathname);
  if (!route) issues.push(`There is no page at ${pathname}; showing the overview.`);
  const tz = params.get('tz');
  const named = tz !== null && isValidTimeZone(tz) ? tz : undefined;
  const fallback = () => (typeof fallbackZone === 'function' ? fallbackZone() : fallbackZone);
  const state = defaultState(named ?? fallback(), route ?? 'overview');

  const customer = params.get('customer');
  if (customer !== null) {
    if (isCustomerId(customer)) state.customer = customer;
    else issues.push(`"${truncate(customer)}" is not a customer id; no customer is chosen.`);
  }

  state.time = decodeTime(params, issues);
  if (tz !== null && named === undefined)
    issues.push(`Unknown time zone "${truncate(tz)}"; using ${state.timeZone}.`);

  const refresh = params.get('refresh');
  if (refresh !== null) {
    if (isRefreshInterval(refresh)) state.refresh = refresh;
    else issues.push(`Unknown refresh interval "${truncate(refresh)}"; auto-refresh is off.`);
  }

  state.filters = decodeFilters(params, issues);

  if (state.route === 'log') {
    const sort = params.get('sort');
    if (sort !== null) {
      const decoded = decodeSort(sort);
      if (decoded) state.sort = decoded;
      else issues.push(`Cannot sort by "${truncate(sort)}"; sorting by time, newest first.`);
    }
    const size = params.get('size');
    if (size !== null) {
      const decoded = decodePageSize(size);
      if (decoded) state.pageSize = decoded;
      else issues.push(`Cannot load "${truncate(size)}" rows at a time; loading ${DEFAULT_PAGE_SIZE}.`);
    }
    const columns = params.get('columns');
    if (columns !== null) {
      const decoded = decodeColumns(columns);
      state.columns = decoded.columns;
      if (decoded.problem) issues.push(`Columns: ${decoded.problem}.`);
    }
  }

  if (state.route === 'builder') state.builder = decodeBuilder(params, issues);
  if (state.route === 'findingsAudit') state.auditFilter = decodeAuditFilter(params, issues);

  if (isEntityRoute(state.route)) {
    const page = ENTITY_PAGES[state.route];
    const value = params.get(page.param);
    const problem =
      value === null ? `the page needs a ${page.noun} (${page.param}=…)` : entityProblem(state.route, value);
    if (problem === undefined && value !== null) state.entity = value;
    else {
      issues.push(`${page.title} page: ${problem}; showing the overview.`);
      state.route = 'overview';
    }
  }

  for (const key of new Set(params.keys())) {
    if (!KNOWN_PARAMS.has(key) && key !== TEXT_PARAM && !filterPrefix(key))
      issues.push(`Ignored unknown parameter "${truncate(key)}".`);
  }
  return { state, issues };
}

/** The canonical path and query of a state: defaults are left out, the order is fixed. */
export function encodeState(state: DashboardState): string {
  const params = new URLSearchParams();
  if (state.customer) params.set('customer', state.customer);
  if ('last' in state.time) {
    if (state.time.last !== (DEFAULT_TIME as { last: string }).last) params.set('last', state.time.last);
  } else {
    params.set('from', state.time.from);
    params.set('to', state.time.to);
  }
  params.set('tz', state.timeZone);
  for (const filter of state.filters) appendFilter(params, filter);
  if (state.refresh !== 'off') params.set('refresh', state.refresh);
  if (state.route === 'log' && encodeSort(state.sort) !== encodeSort(DEFAULT_SORT)) {
    params.set('sort', encodeSort(state.sort));
  }
  if (state.route === 'log' && state.pageSize !== DEFAULT_PAGE_SIZE)
    params.set('size', String(state.pageSize));
  if (state.route === 'log' && !sameColumns(state.columns, DEFAULT_COLUMNS))
    params.set('columns', encodeColumns(state.columns));
  if (state.route === 'builder') {
    if (state.builder.view !== DEFAULT_BUILDER.view) params.set('view', state.builder.view);
    if (state.builder.groupBy !== DEFAULT_BUILDER.groupBy) params.set('by', state.builder.groupBy);
    if (state.builder.metric !== DEFAULT_BUILDER.metric) params.set('metric', state.builder.metric);
  }
  if (isEntityRoute(state.route) && state.entity !== undefined)
    params.set(ENTITY_PAGES[state.route].param, state.entity);
  if (state.route === 'findingsAudit') appendAuditFilter(params, state.auditFilter);
  const query = params.toString();
  return ROUTES[state.route].path + (query ? `?${query}` : '');
}

function decodeTime(params: URLSearchParams, issues: string[]): TimeSelection {
  const last = params.get('last');
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) {
    const start = from === null ? undefined : parseInstant(from);
    const end = to === null ? undefined : parseInstant(to);
    const range = start && end ? fixedRange(start, end) : undefined;
    const preset = last !== null && isTimePreset(last) ? last : undefined;
    if (range) {
      if (last !== null)
        issues.push(
          `Ignored last=${truncate(last)}: the link also names a custom range, from ${start!.toISOString()} to ${end!.toISOString()}, which is shown.`,
        );
      return range;
    }
    if (preset) {
      issues.push(
        `Ignored the custom range: "from" and "to" need ISO 8601 instants, from before to; showing last=${preset}.`,
      );
      return { last: preset };
    }
    issues.push(
      'The custom time range needs "from" and "to" as ISO 8601 instants, from before to; showing the last 24 hours.',
    );
    return DEFAULT_TIME;
  }
  if (last === null) return DEFAULT_TIME;
  if (isTimePreset(last)) return { last };
  issues.push(`Unknown time range "${truncate(last)}"; showing the last 24 hours.`);
  return DEFAULT_TIME;
}

function filterPrefix(key: string): keyof typeof FILTER_PREFIXES | undefined {
  return (Object.keys(FILTER_PREFIXES) as (keyof typeof FILTER_PREFIXES)[]).find((p) => key.startsWith(p));
}

function decodeFilters(params: URLSearchParams, issues: string[]): DashboardFilter[] {
  const filters: DashboardFilter[] = [];
  let count = 0;
  for (const [key, value] of params) {
    if (key === TEXT_PARAM) {
      if (++count > MAX_FILTER_PARAMS) break;
      const problem = addText(filters, value);
      if (problem) issues.push(`Ignored filter ${TEXT_PARAM}=${truncate(value)}: ${problem}.`);
      continue;
    }
    const prefix = filterPrefix(key);
    if (!prefix) continue;
    if (++count > MAX_FILTER_PARAMS) {
      issues.push(`Only the first ${MAX_FILTER_PARAMS} filter values of a link are used.`);
      break;
    }
    const field = key.slice(prefix.length);
    const kind = FILTER_PREFIXES[prefix];
    const problem = addDecoded(filters, kind, field, value);
    if (problem) issues.push(`Ignored filter ${truncate(key)}=${truncate(value)}: ${problem}.`);
  }
  // A link may ask for more searching than the API allows (free text and field searches together):
  // the free text gives way, and the page says why, instead of every widget failing.
  const problem = searchBudgetProblem(filters);
  const text = filters.findIndex((f) => f.kind === 'text');
  if (problem && text !== -1) {
    const [dropped] = filters.splice(text, 1);
    if (dropped?.kind === 'text')
      issues.push(`Ignored filter ${TEXT_PARAM}=${truncate(dropped.text)}: ${problem}.`);
  }
  return filters;
}

/** Free text over every searchable field (one pill; a second `q` replaces the first). */
function addText(filters: DashboardFilter[], value: string): string | undefined {
  if (!value.trim() || value.length > MAX_VALUE_LENGTH) return 'empty or overlong search text';
  const at = filters.findIndex((f) => f.kind === 'text');
  const next: DashboardFilter = { kind: 'text', text: value.trim() };
  if (at === -1) filters.push(next);
  else filters[at] = next;
  return undefined;
}

/** Adds one decoded parameter to the list, merging values of the same field and kind into one pill. */
function addDecoded(
  filters: DashboardFilter[],
  kind: (typeof FILTER_PREFIXES)[keyof typeof FILTER_PREFIXES],
  field: string,
  value: string,
): string | undefined {
  if (kind === 'search') {
    if (!isSearchableField(field)) return `${field} does not support text search`;
    if (!value.trim() || value.length > MAX_VALUE_LENGTH) return 'empty or overlong search text';
    const at = filters.findIndex((f) => f.kind === 'search' && f.field === field);
    const next: DashboardFilter = { kind, field, text: value.trim() };
    if (at === -1) filters.push(next);
    else filters[at] = next;
    return undefined;
  }
  if (!isFilterableField(field)) return `${field} is not a filterable field`;
  if (kind === 'exists') {
    if (value !== 'yes' && value !== 'no') return 'expected yes or no';
    const at = filters.findIndex((f) => f.kind === 'exists' && f.field === field);
    const next: DashboardFilter = { kind, field, exists: value === 'yes' };
    if (at === -1) filters.push(next);
    else filters[at] = next;
    return undefined;
  }
  if (!acceptsValues(field)) return `${field} cannot be filtered by value`;
  const problem = valueProblem(field, value);
  if (problem) return problem;
  const existing = filters.find((f) => f.kind === kind && f.field === field);
  if (existing && (existing.kind === 'is' || existing.kind === 'isNot')) {
    if (!existing.values.includes(value)) existing.values.push(value);
  } else {
    filters.push({ kind, field, values: [value] });
  }
  return undefined;
}

function appendFilter(params: URLSearchParams, filter: DashboardFilter): void {
  switch (filter.kind) {
    case 'is':
      for (const v of filter.values) params.append(`f.${filter.field}`, v);
      return;
    case 'isNot':
      for (const v of filter.values) params.append(`x.${filter.field}`, v);
      return;
    case 'search':
      params.append(`q.${filter.field}`, filter.text);
      return;
    case 'text':
      params.append(TEXT_PARAM, filter.text);
      return;
    case 'exists':
      params.append(`has.${filter.field}`, filter.exists ? 'yes' : 'no');
      return;
  }
}

function decodeBuilder(params: URLSearchParams, issues: string[]): BuilderState {
  const builder = { ...DEFAULT_BUILDER };
  const view = params.get('view');
  if (view !== null) {
    if (isBuilderView(view)) builder.view = view;
    else issues.push(`Unknown chart "${truncate(view)}"; showing a donut.`);
  }
  const by = params.get('by');
  if (by !== null) {
    if (isGroupableField(by)) builder.groupBy = by;
    else issues.push(`Cannot group by "${truncate(by)}"; grouping by result.`);
  }
  const metric = params.get('metric');
  if (metric !== null) {
    if (isMetric(metric)) builder.metric = metric;
    else issues.push(`Unknown metric "${truncate(metric)}"; counting attempts.`);
  }
  return builder;
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
