import { z } from 'zod';
import { fieldNames } from '../log';
import { SIGNIFICANT_FIELDS } from '../reports/definition';
import { METRICS } from '../reports/metrics';
import type { LogRow } from '../reports/result';

/*
 * What the API answers for a report, stated once: the result types (result.ts) are read off these
 * schemas, and the OpenAPI document describes the answers with them. Each `id` names the schema's
 * component in that document.
 */

const metric = z.enum(METRICS);
const count = z.number().min(0);

export const reportMetaSchema = z
  .strictObject({
    /** Elasticsearch's own time for the search. */
    tookMs: z.number().min(0),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    timeZone: z.string(),
    /**
     * Where the numbers came from: `summaries` when whole hours were counted from the hourly
     * summaries (the records filling the partial hours at the edges and any hour not summarised yet),
     * `records` when every record was read. The numbers are the same either way. A log's rows are
     * always records; `summaries` on its first page says its total was counted from them (later
     * pages carry that total and say `records`).
     */
    source: z.enum(['records', 'summaries']).optional(),
  })
  .meta({ id: 'ReportMeta', description: 'How the result was made. Times are ISO 8601 (UTC).' });

export const breakdownRowSchema = z
  .strictObject({
    key: z.string(),
    label: z.string(),
    value: z.number(),
    /** The remainder outside the top N (OTHER_KEY). */
    isOther: z.boolean().optional(),
    /** The records without a value for the field (NONE_KEY). */
    isNone: z.boolean().optional(),
  })
  .meta({ id: 'BreakdownRow' });

export const breakdownResultSchema = z
  .strictObject({
    view: z.literal('breakdown'),
    metric,
    rows: z.array(breakdownRowSchema),
    /**
     * The metric over every matching record. For a single-valued field the rows (top N, None, Other)
     * add up to it. A multi-valued field (user groups) counts a record once per value, so its rows may
     * add up to more; a record with no value counts once, under None.
     */
    total: z.number(),
    /** A failure-rate ranking: groups with fewer attempts than this are not ranked (they are in Other). */
    minAttempts: z.number().optional(),
    /**
     * Set when the report cannot be computed for this data: none of the customer's records in the
     * window carry a field it needs (Duo records have no IP reputation). Its empty rows do not mean
     * "none found".
     */
    notAvailable: z.strictObject({ fields: z.array(z.enum(fieldNames)), message: z.string() }).optional(),
    meta: reportMetaSchema,
  })
  .meta({ id: 'BreakdownResult' });

export const timeseriesRowSchema = z
  .strictObject({
    /** Bucket start, epoch milliseconds. */
    t: z.number(),
    values: z.record(z.string(), z.number()),
  })
  .meta({ id: 'TimeseriesRow' });

export const timeseriesResultSchema = z
  .strictObject({
    view: z.literal('timeseries'),
    metric,
    /** The interval used: the one asked for, or the one 'auto' chose. */
    interval: z.string(),
    /** Series names in stacking order; a single series is named after the metric. */
    series: z.array(z.string()),
    rows: z.array(timeseriesRowSchema),
    meta: reportMetaSchema,
  })
  .meta({ id: 'TimeseriesResult' });

export const geoRowSchema = z
  .strictObject({
    /**
     * Country code, or the geotile key `zoom/x/y`. By country, two rows have no place on the map:
     * UNKNOWN_KEY (a country name no ISO 3166-1 country goes by, kept as recorded) and NONE_KEY (no
     * country recorded).
     */
    key: z.string(),
    label: z.string().optional(),
    value: z.number(),
    lat: z.number().optional(),
    lon: z.number().optional(),
  })
  .meta({ id: 'GeoRow' });

export const geoResultSchema = z
  .strictObject({
    view: z.literal('geo'),
    mode: z.enum(['country', 'grid']),
    metric,
    rows: z.array(geoRowSchema),
    meta: reportMetaSchema,
  })
  .meta({ id: 'GeoResult' });

/**
 * A log row is a partial auth-log record, typed by the schema's record type (schema/record.ts); here
 * only what every row has is checked, the rest passes as the record's fields.
 */
const logRowSchema = z.looseObject({ txid: z.string(), ts: z.string() }).meta({
  id: 'LogRow',
  description:
    'One record of the log page: txid and ts always, any other field only if the view’s columns asked for it (every field when it gave none).',
}) as unknown as z.ZodType<LogRow>;

export const logResultSchema = z
  .strictObject({
    view: z.literal('log'),
    /** Records in sort order; with `columns`, only those fields (and txid, ts) are present. */
    rows: z.array(logRowSchema),
    total: count,
    nextCursor: z.string().nullable(),
    meta: reportMetaSchema,
  })
  .meta({ id: 'LogResult' });

export const significantRowSchema = z
  .strictObject({
    field: z.enum(SIGNIFICANT_FIELDS),
    key: z.string(),
    score: z.number(),
    /** Matching records in the period. */
    count,
    /** Matching records in the background: the window before the period (30 days, or as long as the period). */
    backgroundCount: count,
    /** Share of the period's records with this value. */
    rate: z.number(),
    /** Share of the background's records with this value. */
    backgroundRate: z.number(),
    /** How many times as frequent as before (a value never seen before counts half an occurrence then). */
    lift: z.number(),
  })
  .meta({ id: 'SignificantRow' });

export const significantResultSchema = z
  .strictObject({
    view: z.literal('significant'),
    rows: z.array(significantRowSchema),
    meta: reportMetaSchema,
  })
  .meta({ id: 'SignificantResult' });

export const headlineFiguresSchema = z
  .strictObject({
    /** Matching records. */
    attempts: count,
    /** Of which failed (denied, fraud, error). */
    failed: count,
    /** failed / attempts, 0..1 (0 without attempts). */
    failureRate: z.number().min(0).max(1),
    /** Distinct user names: exact below 3,000, an estimate above. */
    distinctUsers: count,
    /** Distinct countries (ISO 3166-1 codes) attempts came from. */
    countries: count,
  })
  .meta({ id: 'HeadlineFigures', description: 'One period’s headline figures.' });

export const headlineResultSchema = z
  .strictObject({
    view: z.literal('headline'),
    current: headlineFiguresSchema,
    /** With `compare: 'previous'`: the window of equal length just before the range, and its figures. */
    previous: z
      .strictObject({ from: z.iso.datetime(), to: z.iso.datetime(), figures: headlineFiguresSchema })
      .optional(),
    meta: reportMetaSchema,
  })
  .meta({ id: 'HeadlineResult' });

export const reportResultSchema = z
  .discriminatedUnion('view', [
    breakdownResultSchema,
    timeseriesResultSchema,
    geoResultSchema,
    logResultSchema,
    significantResultSchema,
    headlineResultSchema,
  ])
  .meta({
    id: 'ReportResult',
    description:
      'Discriminated by `view`. Top-N counts are exact; records without a value are the None row (__none__), never part of Other.',
  });
