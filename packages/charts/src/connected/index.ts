export { SightlineProvider, useReportClient } from './SightlineProvider';
export type { SightlineProviderProps } from './SightlineProvider';
export { useReport, reportQueryKey, reportQueryOptions, stableStringify } from './useReport';
export { useLogPages, logPagesQueryOptions } from './useLogPages';
export type { UseLogPagesOptions } from './useLogPages';
export { MAX_RETRIES, retryDelay, shouldRetry, sightlineQueryDefaults } from './retry';
export type { UseReportOptions } from './useReport';
export { Report } from './Report';
export type { ReportProps } from './Report';
export type { ReportClient, ReportDefinition, ReportResult, ReportSelection } from './types';
export { headlineItems } from './headlineItems';
export {
  FINDINGS_QUERY_KEY,
  findingsOf,
  findingsQueryKey,
  useFindings,
  useFindingsClient,
  useFindingStatus,
} from './useFindings';
export type { FindingPages, FindingStatusVariables, UseFindingsOptions } from './useFindings';
export type {
  FindingPage,
  FindingParams,
  FindingsClient,
  FindingStatus,
  FindingStatusChange,
  FindingStatusResult,
  FindingType,
  Severity,
  StoredFinding,
} from './types';
