import type { GroupableField } from '../schema';

/**
 * The hourly summaries: for each customer and hour, one document per distinct combination of a
 * cube's fields, weighted by Elasticsearch's `_doc_count` with the number of records it stands for.
 * Bucket aggregations (terms, filters, date_histogram, missing) count a summary document as that
 * many records, so a report compiled for the raw records runs unchanged over summaries and counts
 * the same; cardinality counts distinct values, which summaries keep too.
 *
 * Cubes are ordered smallest first: a report uses the first one holding every field it needs.
 */
export interface SummaryCube {
  readonly name: string;
  readonly fields: readonly GroupableField[];
}

export const SUMMARY_CUBES = [
  {
    // Every built-in count by result, reason, factor, application, country, and enrollments.
    name: 'dimensions',
    fields: [
      'event_type',
      'result',
      'reason',
      'factor',
      'application.name',
      'access_device.location.country',
      'access_device.location.country_code',
    ],
  },
  {
    // Users: top users, distinct users and the headline figures (which count countries too).
    name: 'users',
    fields: ['event_type', 'result', 'user.name', 'access_device.location.country_code'],
  },
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
