import { FAILED_RESULTS, type FilterableField } from '@sightline/schema';
import {
  AUTHENTICATIONS,
  builtinReport,
  type FilterNode,
  type ReportDefinition,
} from '@sightline/schema/reports';
import type { ReportScope } from '../state/reportScope';

/**
 * The overview's widgets, in reading order: the headline figures, one line, then what is out of the
 * ordinary right after the summary, so it is on the first screen of a laptop (1,280 × 800), not below
 * the map.
 */
export const OVERVIEW_WIDGETS = [
  'headline',
  'summary',
  'significant',
  'attempts',
  'countries',
  'reasons',
  'applications',
  'latestFailures',
] as const;
export type OverviewWidget = (typeof OVERVIEW_WIDGETS)[number];

/** Failed authentication attempts: the overview counts authentications only, as the built-in reports do. */
export const FAILED_FILTER: FilterNode = {
  and: [AUTHENTICATIONS, { field: 'result', op: 'in', values: [...FAILED_RESULTS] }],
};

/** Columns of the latest-failures table: enough to triage, the rest is in the log. */
export const LATEST_FAILURE_COLUMNS = [
  'ts',
  'result',
  'reason',
  'user.name',
  'application.name',
  'factor',
  'access_device.ip',
  'access_device.location.country',
] as const satisfies readonly FilterableField[];

/** The built-in report behind each chart widget; the latest failures are a log of their own. */
const CATALOG_IDS = {
  summary: 'auth-summary',
  attempts: 'attempts-over-time',
  countries: 'attempts-by-country',
  reasons: 'failures-by-reason',
  applications: 'top-applications',
  significant: 'out-of-the-ordinary',
} as const satisfies Partial<Record<OverviewWidget, string>>;

function catalogReport(id: string) {
  const report = builtinReport(id);
  if (!report) throw new Error(`the built-in report catalog has no "${id}"`);
  return report;
}

/** A built-in report's view and own filters, with the page's time range and filters on top. */
function fromCatalog(id: string, scope: ReportScope): ReportDefinition {
  const report = catalogReport(id);
  return scoped(report.definition.view, scope, report.definition.filters);
}

/** What a widget counts before the page's filters (authentications, failed ones…), for its drill-down. */
export function widgetOwnFilter(widget: OverviewWidget): FilterNode | undefined {
  if (widget === 'latestFailures') return FAILED_FILTER;
  if (widget === 'headline') return AUTHENTICATIONS;
  return catalogReport(CATALOG_IDS[widget]).definition.filters;
}

function scoped(view: ReportDefinition['view'], scope: ReportScope, own?: FilterNode): ReportDefinition {
  const parts = [own, scope.filters].filter((f): f is FilterNode => f !== undefined);
  const filters = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
  return { timeRange: scope.timeRange, ...(filters ? { filters } : {}), view };
}

/** Every overview widget's definition for the page's scope; each is one API call. */
export function overviewReports(scope: ReportScope): Record<OverviewWidget, ReportDefinition> {
  return {
    // Compared with the window of equal length just before the range, in the same search.
    headline: scoped({ type: 'headline', compare: 'previous' }, scope, AUTHENTICATIONS),
    summary: fromCatalog(CATALOG_IDS.summary, scope),
    significant: fromCatalog(CATALOG_IDS.significant, scope),
    attempts: fromCatalog(CATALOG_IDS.attempts, scope),
    countries: fromCatalog(CATALOG_IDS.countries, scope),
    reasons: fromCatalog(CATALOG_IDS.reasons, scope),
    applications: fromCatalog(CATALOG_IDS.applications, scope),
    latestFailures: scoped(
      {
        type: 'log',
        columns: [...LATEST_FAILURE_COLUMNS],
        sort: [{ field: 'ts', order: 'desc' }],
        pageSize: 10,
      },
      scope,
      FAILED_FILTER,
    ),
  };
}

/**
 * The overview's reports in the order to request them: slowest first (the log's exact count and
 * significant terms cost the most on large data). A browser opens at most six connections to one
 * host and the overview needs eight reports, so a fast one waits for a free connection instead.
 */
export function overviewRequestOrder(reports: Record<OverviewWidget, ReportDefinition>): ReportDefinition[] {
  const order: OverviewWidget[] = [
    'latestFailures',
    'significant',
    'countries',
    'attempts',
    'headline',
    'summary',
    'reasons',
    'applications',
  ];
  return order.map((widget) => reports[widget]);
}
