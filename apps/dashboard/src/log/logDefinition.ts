import type { ReportDefinition } from '@sightline/query-api/reports';
import type { ReportScope } from '../state/reportScope';
import type { LogSort, PageSize } from '../state/sort';

/**
 * The log page's one definition: the table pages through it and the export downloads exactly it.
 * Time breaks ties, then the event id, so paging never skips or repeats rows with equal sort values.
 */
export function logDefinition(scope: ReportScope, sort: LogSort, pageSize: PageSize): ReportDefinition {
  const order = [{ field: sort.field, order: sort.direction }];
  if (sort.field !== 'ts') order.push({ field: 'ts', order: 'desc' });
  if (sort.field !== 'txid') order.push({ field: 'txid', order: 'asc' });
  return { ...scope, view: { type: 'log', sort: order, pageSize } };
}
