import type { AuthLogRecord, FieldName, PartialAuthLogRecord } from '../schema';
import type { SignificantField } from './definition';
import type { Metric } from './metrics';

/** What every result says about how it was made. Times are ISO 8601 (UTC). */
export interface ReportMeta {
  /** Elasticsearch's own time for the search. */
  tookMs: number;
  from: string;
  to: string;
  timeZone: string;
  /**
   * Where the numbers came from: `summaries` when whole hours were counted from the hourly
   * summaries (the records filling the partial hours at the edges and any hour not summarised yet),
   * `records` when every record was read. The numbers are the same either way.
   */
  source?: 'records' | 'summaries';
}

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

export interface BreakdownRow {
  key: string;
  label: string;
  value: number;
  /** The remainder outside the top N (OTHER_KEY). */
  isOther?: boolean;
  /** The records without a value for the field (NONE_KEY). */
  isNone?: boolean;
}
export interface BreakdownResult {
  view: 'breakdown';
  metric: Metric;
  rows: BreakdownRow[];
  /**
   * The metric over every matching record. For a single-valued field the rows (top N, None, Other)
   * add up to it. A multi-valued field (user groups) counts a record once per value, so its rows may
   * add up to more; a record with no value counts once, under None.
   */
  total: number;
  /** A failure-rate ranking: groups with fewer attempts than this are not ranked (they are in Other). */
  minAttempts?: number;
  /**
   * Set when the report cannot be computed for this data: none of the customer's records in the
   * window carry a field it needs (Duo records have no IP reputation). Its empty rows do not mean
   * "none found".
   */
  notAvailable?: { fields: FieldName[]; message: string };
  meta: ReportMeta;
}

export interface TimeseriesRow {
  /** Bucket start, epoch milliseconds. */
  t: number;
  values: Record<string, number>;
}
export interface TimeseriesResult {
  view: 'timeseries';
  metric: Metric;
  /** The interval used: the one asked for, or the one 'auto' chose. */
  interval: string;
  /** Series names in stacking order; a single series is named after the metric. */
  series: string[];
  rows: TimeseriesRow[];
  meta: ReportMeta;
}

export interface GeoRow {
  /**
   * Country code, or the geotile key `zoom/x/y`. By country, two rows have no place on the map:
   * UNKNOWN_KEY (a country name no ISO 3166-1 country goes by, kept as recorded) and NONE_KEY (no
   * country recorded).
   */
  key: string;
  label?: string;
  value: number;
  lat?: number;
  lon?: number;
}
export interface GeoResult {
  view: 'geo';
  mode: 'country' | 'grid';
  metric: Metric;
  rows: GeoRow[];
  meta: ReportMeta;
}

/**
 * One row of a log page. `txid` and `ts` are always there (they make the cursor); any other field is
 * there only if the view's `columns` asked for it, or every field when it gave none. Typed as the
 * partial record so readers handle the missing fields a column selection leaves out.
 */
export type LogRow = PartialAuthLogRecord & Pick<AuthLogRecord, 'txid' | 'ts'>;

export interface LogResult {
  view: 'log';
  /** Records in sort order; with `columns`, only those fields (and txid, ts) are present. */
  rows: LogRow[];
  total: number;
  nextCursor: string | null;
  meta: ReportMeta;
}

export interface SignificantRow {
  field: SignificantField;
  key: string;
  score: number;
  /** Matching records in the period. */
  count: number;
  /** Matching records in the background: the window before the period (30 days, or as long as the period). */
  backgroundCount: number;
  /** Share of the period's records with this value. */
  rate: number;
  /** Share of the background's records with this value. */
  backgroundRate: number;
  /** How many times as frequent as before (a value never seen before counts half an occurrence then). */
  lift: number;
}
export interface SignificantResult {
  view: 'significant';
  rows: SignificantRow[];
  meta: ReportMeta;
}

/** One period's headline figures. */
export interface HeadlineFigures {
  /** Matching records. */
  attempts: number;
  /** Of which failed (denied, fraud, error). */
  failed: number;
  /** failed / attempts, 0..1 (0 without attempts). */
  failureRate: number;
  /** Distinct user names: exact below 3,000, an estimate above. */
  distinctUsers: number;
  /** Distinct countries (ISO 3166-1 codes) attempts came from. */
  countries: number;
}
export interface HeadlineResult {
  view: 'headline';
  current: HeadlineFigures;
  /** With `compare: 'previous'`: the window of equal length just before the range, and its figures. */
  previous?: { from: string; to: string; figures: HeadlineFigures };
  meta: ReportMeta;
}

export type ReportResult =
  BreakdownResult | TimeseriesResult | GeoResult | LogResult | SignificantResult | HeadlineResult;

/** The result of a given view type. */
export type ResultFor<V extends ReportResult['view']> = Extract<ReportResult, { view: V }>;
