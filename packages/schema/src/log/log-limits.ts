/**
 * The log view's bounds, shared by the API's check of a definition and every browser that builds one
 * (the dashboard's page-size choices, the connected table's sort).
 */

/** Rows of a log page when the definition names no size. */
export const DEFAULT_PAGE_SIZE = 100;
/** Rows of a log page at most. */
export const MAX_PAGE_SIZE = 1000;
/** Fields a log is sorted by at most (ties broken by the next). */
export const MAX_SORT_FIELDS = 4;
