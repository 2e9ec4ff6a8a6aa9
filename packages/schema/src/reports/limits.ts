/** Bounds every report definition is checked against, so no request can hurt the cluster. */
export const DEFAULT_TOP = 10;
export const MAX_TOP = 100;
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SORT_FIELDS } from '../log/log-limits';
export const MAX_SIGNIFICANT_SIZE = 50;
/** 'auto' picks the finest interval that keeps a series under this many buckets. */
export const AUTO_MAX_BUCKETS = 200;
/** An explicit interval may ask for more, up to this. */
export const MAX_TIME_BUCKETS = 1000;
/** Time buckets × (stacks + totals) stays far below Elasticsearch's search.max_buckets (65,536). */
export const MAX_TOTAL_BUCKETS = 20_000;
/** Filters nest at most this many levels (a leaf is one level, `{not: leaf}` two). */
export const MAX_FILTER_DEPTH = 8;
/** A filter tree holds at most this many comparisons (leaves), however they are combined. */
export const MAX_FILTER_LEAVES = 200;
/** …and at most this many values in all (each leaf's value, every value of an `in`). */
export const MAX_FILTER_VALUES = 2000;
/** Searches of either kind: at most this many… */
export const MAX_SEARCH_LEAVES = 10;
/**
 * …of which at most this many (one per searchable field) match anywhere in a value (`contains`):
 * each scans every term of its field across all customers, 140-300 ms over 2 million distinct values
 * where a prefix takes 0-5 ms (bench/results/contains-search.md).
 */
export const MAX_CONTAINS_SEARCHES = 4;
/** One search's text is at most this long… */
export const MAX_SEARCH_LENGTH = 200;
/** …and all of a definition's search texts together at most this long. */
export const MAX_SEARCH_TEXT = 500;
/** A definition that searches looks at most this far, whether its range is relative or absolute. */
export const MAX_SEARCH_RANGE_DAYS = 400;
/** Relative ranges reach back at most this far. */
export const MAX_RELATIVE_DAYS = 400;
/** Absolute ranges of any view span at most this many years (the time series' bound, below). */
export const MAX_RANGE_YEARS = 100;
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
