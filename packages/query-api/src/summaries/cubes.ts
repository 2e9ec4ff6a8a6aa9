import { BAD_REPUTATION, type FilterNode } from '@sightline/schema/reports';
import type { GroupableField } from '@sightline/schema';

/**
 * The hourly summaries: for each customer and hour, one document per distinct combination of a
 * cube's fields, weighted by Elasticsearch's `_doc_count` with the number of records it stands for.
 * Bucket aggregations (terms, filters, date_histogram, missing) count a summary document as that
 * many records, so a report compiled for the raw records runs unchanged over summaries and counts
 * the same; cardinality counts distinct values, which summaries keep too.
 *
 * Cubes are ordered smallest first: a report uses the first one holding every field it needs.
 * Summary documents weigh about as much as records; what they save is their number.
 */
export interface SummaryCube {
  readonly name: string;
  readonly fields: readonly GroupableField[];
  /**
   * A cube whose fields are all in another is rolled up from that one's documents as they are
   * computed (no second pass over the records): far fewer documents, so the reports that need only
   * its fields read less.
   */
  readonly rollupOf?: string;
  /**
   * The cube counts only the records that pass this filter (addresses with a bad reputation are a
   * few percent of attempts): it answers only definitions whose filters imply it (plan.ts). Each
   * hour also gets one document saying which of its fields the other records carried, so that
   * "not available for this data" is decided as over the records.
   */
  readonly where?: FilterNode;
  /**
   * Its documents carry the sums a weighted centroid needs (GEO_SUMS): maps place countries from
   * summaries as geo_centroid places them from the records.
   */
  readonly centroid?: true;
}

const DIMENSIONS = [
  'event_type',
  'result',
  'reason',
  'factor',
  'application.name',
  'access_device.location.country',
  'access_device.location.country_code',
] as const satisfies readonly GroupableField[];

export const SUMMARY_CUBES = [
  // One field with result and event type: a few dozen documents an hour each, whatever the volume.
  // The built-in breakdowns and series, unfiltered or filtered on the result, read these.
  { name: 'reasons', fields: ['event_type', 'result', 'reason'], rollupOf: 'dimensions' },
  { name: 'factors', fields: ['event_type', 'result', 'factor'], rollupOf: 'dimensions' },
  { name: 'applications', fields: ['event_type', 'result', 'application.name'], rollupOf: 'dimensions' },
  {
    name: 'countries',
    fields: ['event_type', 'result', 'access_device.location.country', 'access_device.location.country_code'],
    rollupOf: 'dimensions',
    centroid: true,
  },
  // Attempts from addresses with a bad reputation, by address: the risky-IPs ranking.
  {
    name: 'risky_ips',
    fields: [
      'event_type',
      'result',
      'access_device.ip',
      'access_device.ip_reputation.is_malicious',
      'access_device.ip_reputation.is_vpn',
      'access_device.ip_reputation.is_tor',
    ],
    where: BAD_REPUTATION,
  },
  // Users: top users and distinct users (the headline's by the hour, where a day is not whole).
  { name: 'users', fields: ['event_type', 'result', 'user.name', 'access_device.location.country_code'] },
  // Every combination of the dimensions: counts cross-filtered on several of them.
  { name: 'dimensions', fields: DIMENSIONS, centroid: true },
] as const satisfies readonly SummaryCube[];

export type SummaryCubeName = (typeof SUMMARY_CUBES)[number]['name'];

/**
 * A cube counted per UTC day from an hourly cube's documents (never from the records). Out of the
 * ordinary compares a day or a week with the 30 days before it: from the users cube that background
 * is about a quarter of the records (one document per user, result and country an hour); per day and
 * without the country it is some ten times fewer. A day is counted once it has closed, and again
 * whenever a load changes one of its hours.
 */
export interface DailyCube {
  readonly name: string;
  /** The hourly cube it adds up: its fields are all in that one's. */
  readonly of: SummaryCubeName;
  readonly fields: readonly GroupableField[];
}

export const DAILY_CUBES = [
  { name: 'users_daily', of: 'users', fields: ['event_type', 'result', 'user.name'] },
] as const satisfies readonly DailyCube[];

export type DailyCubeName = (typeof DAILY_CUBES)[number]['name'];

/** The daily cube adding up `hourly`, if it has one. */
export function dailyCubeOf(hourly: SummaryCubeName): (typeof DAILY_CUBES)[number] | undefined {
  return DAILY_CUBES.find((c) => c.of === hourly);
}

/**
 * Present on summary documents only, naming their cube. Reports tell summaries from records, and one
 * cube from another, by their index instead (summaries/plan.ts): a per-shard test, not a per-document one.
 */
export const SUMMARY_MARKER = 'summary_cube';

/** The field whose positions a centroid cube sums. */
export const GEO_FIELD = 'access_device.location.geo';
/**
 * What a centroid cube's document adds up over its records with a position: how many, and the sum
 * of their latitudes and longitudes. geo_centroid averages latitude and longitude arithmetically
 * (not as unit vectors), so these sums give the records' centroid exactly, up to floating point.
 */
export const GEO_SUMS = { count: 'geo_count', lat: 'geo_lat_sum', lon: 'geo_lon_sum' } as const;
/**
 * On a conditioned cube's hourly presence document: the cube's fields that the hour's records
 * outside the condition carried.
 */
export const SUMMARY_PRESENT = 'summary_present';

export const SUMMARY_INDEX_PREFIX = 'sightline-summary';
/**
 * Bumped with the cubes' fields: a new version is rebuilt from the records, never patched.
 * 2: centroid sums on the countries and dimensions cubes; the risky_ips cube.
 * 3: the users_daily cube.
 */
export const SUMMARY_VERSION = 3;

export function summaryIndex(cube: SummaryCubeName | DailyCubeName): string {
  return `${SUMMARY_INDEX_PREFIX}-${cube}-v${SUMMARY_VERSION}`;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
