import type { FilterNode, ReportDefinition } from '@sightline/schema/reports';
import { toApiFilter } from './apiFilter';
import type { DashboardState } from './urlState';

/** The part of every report definition the page decides: the time range and the filters. */
export interface ReportScope {
  timeRange: ReportDefinition['timeRange'];
  filters?: FilterNode;
}

export function reportScope(
  state: Pick<DashboardState, 'time' | 'timeZone' | 'filters'>,
  ...extra: FilterNode[]
): ReportScope {
  const timeRange =
    'last' in state.time
      ? { last: state.time.last, timeZone: state.timeZone }
      : { from: state.time.from, to: state.time.to, timeZone: state.timeZone };
  const filters = toApiFilter(state.filters, ...extra);
  return filters ? { timeRange, filters } : { timeRange };
}
