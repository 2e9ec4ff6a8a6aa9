/**
 * The limits of the data-health routes, shared by the API and the dashboard (browser-safe: no
 * imports). Loads are counted in hourly buckets, so the range bounds the buckets a request makes.
 */

/** The longest range the loads, quality history and versions are read over: a month and a day. */
export const MAX_HEALTH_RANGE_DAYS = 31;
/** The range when none is named. */
export const DEFAULT_HEALTH_RANGE = '24h';
/** Loads are counted per hour of commit time (UTC). */
export const LOAD_BUCKET_MS = 3_600_000;
/**
 * Streams drawn one by one, the busiest first; the rest are counted in their kind's totals and named
 * as left out. 40 streams of 744 hours stay well inside Elasticsearch's bucket limit.
 */
export const MAX_LOAD_STREAMS = 40;
/** Results kept per check in its history, newest first. */
export const QUALITY_HISTORY_LIMIT = 48;
/** Checks (check, source, subject) listed; more is a fleet of customers, narrowed by naming one. */
export const MAX_QUALITY_CHECKS = 2_000;
/** Periods whose versions are listed: each version costs one fingerprint search. */
export const MAX_VERSION_PERIODS = 12;

/**
 * The loaders whose batches store records in the auth log: the loads shown. Version switches (and
 * any other entry kept in the load log for downstream readers) load no record and are left out.
 */
export const LOAD_KINDS = ['sink', 'batcher', 'file'] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];
export const isLoadKind = (loader: string): loader is LoadKind =>
  (LOAD_KINDS as readonly string[]).includes(loader);
