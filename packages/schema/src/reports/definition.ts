import { z } from 'zod';
import type { GroupableField } from '../log';
import { columnFieldSchema, groupableFieldSchema, sortFieldSchema } from './fields';
import { budgetProblems, filterCost } from './filters/budget';
import { rawFilterDepth } from './filters/depth';
import { filterSchema } from './filters/schema';
import type { FilterNode } from './filters/types';
import {
  DEFAULT_GEO_PRECISION,
  DEFAULT_PAGE_SIZE,
  DEFAULT_TOP,
  MAX_FILTER_DEPTH,
  MAX_PAGE_SIZE,
  MAX_SORT_FIELDS,
  MAX_RANGE_YEARS,
  MAX_RELATIVE_DAYS,
  MAX_SEARCH_RANGE_DAYS,
  MAX_SERIES_YEARS,
  MAX_SIGNIFICANT_SIZE,
  MAX_TOP,
} from './limits';
import { isAdditive, METRICS } from './metrics';
import { canonicalTimeZone, RELATIVE_PATTERN, relativeSpanMs } from './time';

export type {
  FilterLeaf,
  FilterNode,
  FilterOp,
  SearchMatch,
  SearchableField,
  TextSearch,
} from './filters/types';
export type { Metric } from './metrics';

import { INTERVALS, type Interval } from '../log/intervals';

export { INTERVALS, type Interval };
export const SIGNIFICANT_FIELDS = [
  'access_device.location.country',
  'application.name',
  'reason',
  'user.name',
] as const satisfies readonly GroupableField[];
export type SignificantField = (typeof SIGNIFICANT_FIELDS)[number];

/** Canonicalised, so that names Elasticsearch would refuse ('utc', 'US/Eastern') still work. */
const timeZone = z
  .string()
  .default('UTC')
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical !== null) return canonical;
    ctx.addIssue({
      code: 'custom',
      input: zone,
      message: `'${zone}' is not an IANA time zone Elasticsearch knows (e.g. UTC, Europe/Berlin)`,
    });
    return z.NEVER;
  });
const isoDateTime = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with offset' });

const absoluteRange = z
  .strictObject({ from: isoDateTime, to: isoDateTime, timeZone })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), {
    message: 'time range: from is not before to',
    path: ['from'],
    // A missing or unreadable bound has its own issue already; there is no order to judge.
    when: ({ value, issues }) =>
      typeof value === 'object' &&
      value !== null &&
      issues.every((i) => i.path?.[0] !== 'from' && i.path?.[0] !== 'to'),
  });
const relativeRange = z.strictObject({
  last: z
    .string()
    // Aborts: a span that cannot be read has no length to complain about as well.
    .regex(RELATIVE_PATTERN, {
      message: "expected a relative span such as '15m', '24h', '7d', '2w'",
      abort: true,
    })
    .refine((s) => relativeSpanMs(s) !== null, `relative span is longer than ${MAX_RELATIVE_DAYS} days`),
  timeZone,
});
export const timeRangeSchema = z.union([absoluteRange, relativeRange]);

const metric = z.enum(METRICS).default('count');
const top = z.int().min(1).max(MAX_TOP).default(DEFAULT_TOP);

const breakdownSchema = z.strictObject({
  type: z.literal('breakdown'),
  groupBy: groupableFieldSchema,
  metric,
  top,
  /** Adds an "Other" row with everything outside the top; defaults to on for additive metrics. */
  other: z.boolean().optional(),
});
const timeseriesSchema = z.strictObject({
  type: z.literal('timeseries'),
  interval: z.enum(['auto', ...INTERVALS]).default('auto'),
  stackBy: groupableFieldSchema.optional(),
  top,
  metric,
  other: z.boolean().optional(),
});
const geoSchema = z.strictObject({
  type: z.literal('geo'),
  mode: z.enum(['country', 'grid']),
  /** Geotile zoom level for grid mode. */
  precision: z.int().min(1).max(12).default(DEFAULT_GEO_PRECISION),
  metric,
});
const logSchema = z.strictObject({
  type: z.literal('log'),
  columns: z.array(columnFieldSchema).min(1).optional(),
  sort: z
    .array(z.strictObject({ field: sortFieldSchema, order: z.enum(['asc', 'desc']).default('desc') }))
    .min(1)
    .max(MAX_SORT_FIELDS, `sort names at most ${MAX_SORT_FIELDS} fields`)
    .optional(),
  pageSize: z
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE, `pageSize may be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(4096).optional(),
});
const significantSchema = z.strictObject({
  type: z.literal('significant'),
  fields: z
    .array(z.enum(SIGNIFICANT_FIELDS))
    .min(1)
    .default([...SIGNIFICANT_FIELDS]),
  size: z.int().min(1).max(MAX_SIGNIFICANT_SIZE).default(10),
});

/**
 * Headline figures of the period (attempts, failure rate, distinct users, countries), and with
 * `compare: 'previous'` the same figures for the window of equal length just before it.
 */
const headlineSchema = z.strictObject({
  type: z.literal('headline'),
  compare: z.enum(['previous', 'none']).default('previous'),
});

export const viewSchema = z.discriminatedUnion('type', [
  breakdownSchema,
  headlineSchema,
  timeseriesSchema,
  geoSchema,
  logSchema,
  significantSchema,
]);

/**
 * The filter tree's depth is checked before the tree is validated: validation recurses, and a tree
 * nested a few hundred levels deep would exhaust the stack before any depth rule saw it.
 */
const boundedFilters = z.preprocess((input, ctx) => {
  if (rawFilterDepth(input) > MAX_FILTER_DEPTH)
    ctx.addIssue({
      code: 'custom',
      input,
      message: `filters nest deeper than ${MAX_FILTER_DEPTH} levels`,
    });
  return input;
}, filterSchema);

const definitionObject = z.strictObject({
  timeRange: timeRangeSchema,
  filters: boundedFilters.optional(),
  view: viewSchema,
});

/** The Gregorian calendar's average year: 100 of them are exactly 1950-01-01 to 2050-01-01. */
const YEAR_MS = 365.25 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** Runtime schema of a report definition: validates, fills defaults, names each problem's path. */
export const reportDefinitionSchema = definitionObject.superRefine((def, ctx) => {
  const view = def.view;
  const cost = def.filters ? filterCost(def.filters) : undefined;
  for (const message of cost ? budgetProblems(cost) : [])
    ctx.addIssue({ code: 'custom', path: ['filters'], message });
  if ('from' in def.timeRange) {
    const spanMs = Date.parse(def.timeRange.to) - Date.parse(def.timeRange.from);
    const years = spanMs / YEAR_MS;
    const days = spanMs / DAY_MS;
    const round = (n: number) => Math.round(n * 10) / 10;
    if (view.type === 'timeseries' && years > MAX_SERIES_YEARS)
      ctx.addIssue({
        code: 'custom',
        path: ['timeRange'],
        message: `a time series spans at most ${MAX_SERIES_YEARS} years; this range spans ${round(years)}`,
      });
    else if (years > MAX_RANGE_YEARS)
      ctx.addIssue({
        code: 'custom',
        path: ['timeRange'],
        message: `a time range spans at most ${MAX_RANGE_YEARS} years; this range spans ${round(years)}`,
      });
    else if (cost && cost.searchLeaves > 0 && days > MAX_SEARCH_RANGE_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['timeRange'],
        message: `a definition that searches spans at most ${MAX_SEARCH_RANGE_DAYS} days; this range spans ${round(days)}`,
      });
  }
  if ((view.type === 'breakdown' || view.type === 'timeseries') && view.other && !isAdditive(view.metric))
    ctx.addIssue({
      code: 'custom',
      path: ['view', 'other'],
      message: `an "other" remainder cannot be computed for ${view.metric}: distinct counts do not add up`,
    });
}) as unknown as z.ZodType<NormalizedReportDefinition, ReportDefinition>;

/*
 * The types of a definition are read off its schemas (z.output: validated, every default filled in;
 * z.input: as written), so the two cannot drift. The filter tree keeps its own declared type: its
 * schema is recursive and checked in a pre-pass (boundedFilters), which zod cannot type.
 */
export type TimeRange = z.output<typeof timeRangeSchema>;
export type BreakdownView = z.output<typeof breakdownSchema>;
export type TimeseriesView = z.output<typeof timeseriesSchema>;
export type GeoView = z.output<typeof geoSchema>;
export type LogView = z.output<typeof logSchema>;
export type LogSort = NonNullable<LogView['sort']>[number];
export type SignificantView = z.output<typeof significantSchema>;
export type HeadlineView = z.output<typeof headlineSchema>;
export type ReportView = z.output<typeof viewSchema>;
export type ViewType = ReportView['type'];

/** A definition after validation: every default filled in. What the compiler takes. */
export interface NormalizedReportDefinition<V extends ReportView = ReportView> {
  timeRange: TimeRange;
  filters?: FilterNode;
  view: V;
}

/** A report definition as written by a person or a client: defaults may be left out. */
export interface ReportDefinition {
  timeRange: z.input<typeof timeRangeSchema>;
  filters?: FilterNode;
  view: z.input<typeof viewSchema>;
}
