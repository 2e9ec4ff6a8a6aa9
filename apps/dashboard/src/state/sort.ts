import { authLogFields, isFieldName, type FieldName } from '@sightline/query-api/schema';

/** How the log is ordered. */
export interface LogSort {
  field: FieldName;
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: LogSort = { field: 'ts', direction: 'desc' };

/** Geo points have no order, every other stored kind does. */
export function isSortableField(name: string): name is FieldName {
  return isFieldName(name) && authLogFields[name].kind !== 'geo_point';
}

/** `-ts` is newest first, `ts` oldest first: the convention of most sort parameters on the web. */
export function encodeSort(sort: LogSort): string {
  return sort.direction === 'desc' ? `-${sort.field}` : sort.field;
}

export function decodeSort(value: string): LogSort | undefined {
  const direction = value.startsWith('-') ? 'desc' : 'asc';
  const field = value.replace(/^[-+]/, '');
  return isSortableField(field) ? { field, direction } : undefined;
}

/** Rows fetched per "load more"; the API allows up to 1,000. */
export const PAGE_SIZES = [100, 500, 1000] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 100;

export function decodePageSize(value: string): PageSize | undefined {
  return PAGE_SIZES.find((size) => String(size) === value);
}
