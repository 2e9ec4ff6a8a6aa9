import type { FindingPage, FindingParams, FindingStatusChange, FindingStatusResult } from '@sightline/client';
import type { ReportDefinition, ReportResult } from '@sightline/schema/reports';

export type { ReportDefinition, ReportResult };
export type {
  BreakdownResult,
  GeoResult,
  HeadlineResult,
  LogResult,
  ResultFor,
  TimeseriesResult,
} from '@sightline/schema/reports';

/** What the connected layer needs from a query API client; `createClient()` from '@sightline/client' fits. */
export interface ReportClient {
  /** Runs a report; must honour `signal` so unmounted or superseded queries are aborted. */
  runReport(definition: ReportDefinition, options?: { signal?: AbortSignal }): Promise<ReportResult>;
}

/**
 * What the reader picked in a connected chart: for cross-filtering (`onSelect`), or to open the rows
 * behind it (`onOpen`: a slice, a country, or one series in one bucket).
 */
export type ReportSelection =
  | { view: 'breakdown'; key: string; label: string }
  | { view: 'timeseries'; series: string }
  | { view: 'timeseries'; series: string; bucket: { from: number; to: number } }
  | { view: 'timeseries'; range: { from: number; to: number } }
  | { view: 'geo'; key: string }
  | { view: 'log'; row: Record<string, unknown> };

export type {
  FindingPage,
  FindingParams,
  FindingStatus,
  FindingStatusChange,
  FindingStatusResult,
  FindingType,
  Severity,
  StoredFinding,
} from '@sightline/client';

/**
 * What the findings hooks need from a query API client; `createClient()` from
 * '@sightline/client' fits. Give it to the same {@link SightlineProvider} as reports.
 */
export interface FindingsClient {
  /** One page of findings, newest first; must honour `signal`. */
  findings(params?: FindingParams, options?: { signal?: AbortSignal }): Promise<FindingPage>;
  /** Sets a finding's status (and optionally mutes its pattern for its user). */
  setFindingStatus(
    id: string,
    change: FindingStatusChange,
    options?: { signal?: AbortSignal },
  ): Promise<FindingStatusResult>;
}
