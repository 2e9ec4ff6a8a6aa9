import { AUTHENTICATIONS, type FilterNode, type ReportDefinition } from '@sightline/schema/reports';
import type { FilterableField, GroupableField } from '@sightline/schema';
import { overviewReports } from '../overview/overviewReports';
import type { EntityRoute } from '../state/entity';
import type { ReportScope } from '../state/reportScope';

/** The fields of the device lists: which browsers and systems the user or the address used. */
export const DEVICE_FIELDS = [
  'access_device.browser',
  'access_device.os',
] as const satisfies readonly FilterableField[];

/** The other side of a page's subject: a user's addresses, an address's users. */
export const COUNTERPART = {
  user: 'access_device.ip',
  ip: 'user.name',
} as const satisfies Record<EntityRoute, FilterableField & GroupableField>;

/** Columns of the page's log: every event of the subject, the subject's own field included for sharing. */
export const ENTITY_LOG_COLUMNS = [
  'ts',
  'event_type',
  'result',
  'reason',
  'user.name',
  'application.name',
  'factor',
  'access_device.ip',
  'access_device.location.country',
  'access_device.browser',
] as const satisfies readonly FilterableField[];

/** Rows of the page's log; the rest is one link away, in the log page. */
export const ENTITY_LOG_ROWS = 50;

/** Top values in each list: a user has a handful of devices and addresses, more would be noise. */
const TOP = 8;

export type EntityWidget =
  | 'headline'
  | 'attempts'
  | 'countries'
  | 'reasons'
  | 'applications'
  | 'browsers'
  | 'systems'
  | 'counterpart'
  | 'log';

function authentications(scope: ReportScope, view: ReportDefinition['view']): ReportDefinition {
  const filters: FilterNode = scope.filters ? { and: [AUTHENTICATIONS, scope.filters] } : AUTHENTICATIONS;
  return { timeRange: scope.timeRange, filters, view };
}

/**
 * Every report of a user's or an address's page, for a scope that holds the subject as a filter
 * (entityFilters): the overview's own definitions where the page shows the same thing, so both count
 * alike and drill down alike, and breakdowns of devices and the counterpart beside them.
 */
export function entityReports(
  route: EntityRoute,
  scope: ReportScope,
): Record<EntityWidget, ReportDefinition> {
  const overview = overviewReports(scope);
  return {
    headline: overview.headline,
    attempts: overview.attempts,
    countries: overview.countries,
    reasons: overview.reasons,
    applications: overview.applications,
    browsers: authentications(scope, { type: 'breakdown', groupBy: DEVICE_FIELDS[0], top: TOP }),
    systems: authentications(scope, { type: 'breakdown', groupBy: DEVICE_FIELDS[1], top: TOP }),
    counterpart: authentications(scope, { type: 'breakdown', groupBy: COUNTERPART[route], top: TOP }),
    // Every event type: the log lists enrollments too, as the log page does.
    log: {
      timeRange: scope.timeRange,
      ...(scope.filters ? { filters: scope.filters } : {}),
      view: {
        type: 'log',
        columns: [...ENTITY_LOG_COLUMNS],
        sort: [{ field: 'ts', order: 'desc' }],
        pageSize: ENTITY_LOG_ROWS,
      },
    },
  };
}
