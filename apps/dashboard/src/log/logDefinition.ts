import type { ReportDefinition } from '@sightline/schema/reports';
import type { FieldName } from '@sightline/schema';
import type { ReportScope } from '../state/reportScope';
import type { LogSort, PageSize } from '../state/sort';

/**
 * The log page's one definition: the table pages through it and the export downloads exactly it.
 * Time breaks ties, then the event id, so paging never skips or repeats rows with equal sort values.
 * With `columns` (the export's), records hold those fields in that order; the table asks without, so
 * showing another column needs no new request.
 */
export function logDefinition(
  scope: ReportScope,
  sort: LogSort,
  pageSize: PageSize,
  columns?: readonly FieldName[],
): ReportDefinition {
  const order = [{ field: sort.field, order: sort.direction }];
  if (sort.field !== 'ts') order.push({ field: 'ts', order: 'desc' });
  if (sort.field !== 'txid') order.push({ field: 'txid', order: 'asc' });
  return {
    ...scope,
    view: { type: 'log', sort: order, pageSize, ...(columns ? { columns: [...columns] } : {}) },
  };
}
