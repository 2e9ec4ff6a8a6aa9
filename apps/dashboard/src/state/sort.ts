import {
  DEFAULT_PAGE_SIZE as API_DEFAULT_PAGE_SIZE,
  isFieldName,
  isSortableField as isSortable,
  MAX_PAGE_SIZE,
  type SortableField,
} from '@sightline/schema';

/** How the log is ordered. */
export interface LogSort {
  field: SortableField;
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: LogSort = { field: 'ts', direction: 'desc' };

/** A field the API sorts the log by (the schema says which). */
export function isSortableField(name: string): name is SortableField {
  return isFieldName(name) && isSortable(name);
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

/** Rows fetched per "load more": the API's default, a middle step, and the most the API allows. */
export const PAGE_SIZES = [API_DEFAULT_PAGE_SIZE, 500, MAX_PAGE_SIZE] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = API_DEFAULT_PAGE_SIZE;

export function decodePageSize(value: string): PageSize | undefined {
  return PAGE_SIZES.find((size) => String(size) === value);
}
