import type { GroupableField } from '../schema';

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
  },
  // Users: top users, distinct users and the headline figures (which count countries too).
  { name: 'users', fields: ['event_type', 'result', 'user.name', 'access_device.location.country_code'] },
  // Every combination of the dimensions: counts cross-filtered on several of them.
  { name: 'dimensions', fields: DIMENSIONS },
] as const satisfies readonly SummaryCube[];

export type SummaryCubeName = (typeof SUMMARY_CUBES)[number]['name'];

/** Present on summary documents only: tells them apart from raw records in a search over both. */
export const SUMMARY_MARKER = 'summary_cube';

export const SUMMARY_INDEX_PREFIX = 'sightline-summary';
/** Bumped with the cubes' fields: a new version is rebuilt from the records, never patched. */
export const SUMMARY_VERSION = 1;

export function summaryIndex(cube: SummaryCubeName): string {
  return `${SUMMARY_INDEX_PREFIX}-${cube}-v${SUMMARY_VERSION}`;
}

export const HOUR_MS = 3_600_000;
