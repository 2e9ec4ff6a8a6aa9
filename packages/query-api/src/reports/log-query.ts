import type { estypes } from '@elastic/elasticsearch';
import { fieldNames, type FieldName } from '@sightline/schema';
import { READ_ALIAS } from '../store/mapping';
import {
  type FilterNode,
  fingerprintOf,
  type LogSort,
  type ResolvedRange,
  resolveRange,
  type TimeRange,
} from '@sightline/schema/reports';
import { scopedQuery } from './query';

/** What a log walk needs: the window, the filters, and optionally columns and sort. */
export interface LogQueryInput {
  timeRange: TimeRange;
  filters?: FilterNode;
  columns?: FieldName[];
  sort?: LogSort[];
}

/** A tenant-scoped, totally ordered log query: page through it with search_after (or a PIT). */
export interface LogQuery {
  index: string;
  query: estypes.QueryDslQueryContainer;
  /** The requested order, then `txid` as the tiebreaker that makes the order total. */
  sort: estypes.SortCombinations[];
  _source: { includes: string[] };
  /** Fields in output order (the requested columns, or every field). */
  columns: FieldName[];
  range: ResolvedRange;
  /** Identifies the walk independently of `now`; cursors carry it. */
  fingerprint: string;
}

const DEFAULT_SORT: LogSort[] = [{ field: 'ts', order: 'desc' }];
const TIEBREAKER: FieldName = 'txid';

function logInput(
  input: LogQueryInput | { timeRange: TimeRange; filters?: FilterNode; view: object },
): LogQueryInput {
  if (!('view' in input)) return input;
  const view = input.view as { type?: string; columns?: FieldName[]; sort?: LogSort[] };
  return {
    timeRange: input.timeRange,
    ...(input.filters ? { filters: input.filters } : {}),
    ...(view.type === 'log' && view.columns ? { columns: view.columns } : {}),
    ...(view.type === 'log' && view.sort ? { sort: view.sort } : {}),
  };
}

/**
 * Compiles the query, order and projection of a log walk, for the log view and for exports.
 * Accepts a log definition, any report definition (its filters and range), or just filters and range.
 * `pinned` replaces the resolved window (a cursor keeps the window of the walk's first page).
 */
export function compileLogQuery(
  definitionOrFilters: LogQueryInput | { timeRange: TimeRange; filters?: FilterNode; view: object },
  tenant: string,
  now: Date,
  pinned?: Pick<ResolvedRange, 'from' | 'to'>,
): LogQuery {
  const input = logInput(definitionOrFilters);
  const resolved = resolveRange(input.timeRange, now);
  const range = pinned ? { ...resolved, ...pinned } : resolved;
  const order = input.sort ?? DEFAULT_SORT;
  const withTiebreak = order.some((s) => s.field === TIEBREAKER)
    ? order
    : [...order, { field: TIEBREAKER, order: 'asc' as const }];
  const columns = input.columns ?? fieldNames;
  const includes = [...new Set<FieldName>([TIEBREAKER, 'ts', ...columns])];
  return {
    index: READ_ALIAS,
    query: scopedQuery(tenant, range, input.filters),
    sort: withTiebreak.map((s) => ({ [s.field]: { order: s.order, missing: '_last' } })),
    _source: { includes },
    columns: [...columns],
    range,
    fingerprint: fingerprintOf([input.timeRange, input.filters ?? null, withTiebreak]),
  };
}
