import { isAdditive, type ReportDefinition } from '@sightline/schema/reports';
import type { FieldName } from '@sightline/schema';
import type { BuilderState } from '../state/builder';
import type { ReportScope } from '../state/reportScope';

/** How many groups each chart shows before the rest goes to "Other". */
const TOP = { donut: 8, 'stacked-area': 5 } as const;

/** The table shows records: the time, the chosen field, and what identifies an attempt. */
const TABLE_COLUMNS = ['ts', 'result', 'user.name', 'application.name'] as const;

/** The report a builder setting describes, on the page's time range and filters. */
export function builderDefinition(builder: BuilderState, scope: ReportScope): ReportDefinition {
  const { view, groupBy, metric } = builder;
  // Distinct counts of parts do not add up to the whole, so there is no "Other" for them; nor is a
  // rate a part: the rest's failure rate is no group of its own in a ranking by rate.
  const other = isAdditive(metric) && metric !== 'failure_rate';
  switch (view) {
    case 'donut':
      return { ...scope, view: { type: 'breakdown', groupBy, metric, top: TOP[view], other } };
    case 'table': {
      const columns = [...new Set<FieldName>(['ts', groupBy, ...TABLE_COLUMNS])];
      return {
        ...scope,
        view: { type: 'log', columns, sort: [{ field: 'ts', order: 'desc' }], pageSize: 100 },
      };
    }
    case 'stacked-area':
      return {
        ...scope,
        view: { type: 'timeseries', interval: 'auto', stackBy: groupBy, metric, top: TOP[view], other },
      };
    case 'map':
      return { ...scope, view: { type: 'geo', mode: 'country', metric } };
  }
}
