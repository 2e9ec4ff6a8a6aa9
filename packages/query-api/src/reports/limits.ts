/** Bounds every report definition is checked against, so no request can hurt the cluster. */
export const DEFAULT_TOP = 10;
export const MAX_TOP = 100;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
export const MAX_SIGNIFICANT_SIZE = 50;
/** 'auto' picks the finest interval that keeps a series under this many buckets. */
export const AUTO_MAX_BUCKETS = 200;
/** An explicit interval may ask for more, up to this. */
export const MAX_TIME_BUCKETS = 1000;
/** Time buckets × (stacks + totals) stays far below Elasticsearch's search.max_buckets (65,536). */
export const MAX_TOTAL_BUCKETS = 20_000;
/** Filters nest at most this many levels (a leaf is one level, `{not: leaf}` two). */
export const MAX_FILTER_DEPTH = 8;
/** Relative ranges reach back at most this far. */
export const MAX_RELATIVE_DAYS = 400;
/**
 * A time series' absolute range spans at most this many years, so that 'auto' always finds an
 * interval: yearly buckets (at most 101) fit AUTO_MAX_BUCKETS and, with MAX_TOP stacks, MAX_TOTAL_BUCKETS.
 */
export const MAX_SERIES_YEARS = 100;
/** significant_terms compares the period with (at least) this much of the customer's history. */
export const SIGNIFICANT_BACKGROUND_DAYS = 30;
export const DEFAULT_GEO_PRECISION = 3;
export const MAX_GEO_CELLS = 5000;
/** Every country code fits; ISO 3166-1 has 249. */
export const MAX_COUNTRIES = 300;
/** Per field, the terms most frequent in the period that are scored for significance. */
export const SIGNIFICANT_CANDIDATES = 1000;
