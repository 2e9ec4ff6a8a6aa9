import type { z } from 'zod';
import type { AuthLogRecord, PartialAuthLogRecord } from '../log';
import type {
  breakdownResultSchema,
  breakdownRowSchema,
  geoResultSchema,
  geoRowSchema,
  headlineFiguresSchema,
  headlineResultSchema,
  logResultSchema,
  reportMetaSchema,
  reportResultSchema,
  significantResultSchema,
  significantRowSchema,
  timeseriesResultSchema,
  timeseriesRowSchema,
} from '../api-schemas/result';

/*
 * The result types are read off the schemas the OpenAPI document is made from (result-schema.ts), so
 * what the API documents and what a TypeScript client is told cannot drift apart.
 */

/** What every result says about how it was made. Times are ISO 8601 (UTC). */
export type ReportMeta = z.output<typeof reportMetaSchema>;

/** Key of the remainder row / series outside the top N. */
export const OTHER_KEY = '__other__';
/** Key of the row of records without a value for the field ("none"). */
export const NONE_KEY = '__none__';
/** Key of the map's row of records whose country is named but is no ISO 3166-1 country. */
export const UNKNOWN_KEY = '__unknown__';
/** Name of the remainder series in a stacked time series. */
export const OTHER_SERIES = 'Other';
/** Name of the series of records without a value for the stacked field. */
export const NONE_SERIES = 'None';

export type BreakdownRow = z.output<typeof breakdownRowSchema>;
export type BreakdownResult = z.output<typeof breakdownResultSchema>;
export type TimeseriesRow = z.output<typeof timeseriesRowSchema>;
export type TimeseriesResult = z.output<typeof timeseriesResultSchema>;
export type GeoRow = z.output<typeof geoRowSchema>;
export type GeoResult = z.output<typeof geoResultSchema>;

/**
 * One row of a log page. `txid` and `ts` are always there (they make the cursor); any other field is
 * there only if the view's `columns` asked for it, or every field when it gave none. Typed as the
 * partial record so readers handle the missing fields a column selection leaves out.
 */
export type LogRow = PartialAuthLogRecord & Pick<AuthLogRecord, 'txid' | 'ts'>;

export type LogResult = z.output<typeof logResultSchema>;
export type SignificantRow = z.output<typeof significantRowSchema>;
export type SignificantResult = z.output<typeof significantResultSchema>;
/** One period's headline figures. */
export type HeadlineFigures = z.output<typeof headlineFiguresSchema>;
export type HeadlineResult = z.output<typeof headlineResultSchema>;
export type ReportResult = z.output<typeof reportResultSchema>;

/** The result of a given view type. */
export type ResultFor<V extends ReportResult['view']> = Extract<ReportResult, { view: V }>;
