export { SightlineProvider, useReportClient } from './SightlineProvider';
export type { SightlineProviderProps } from './SightlineProvider';
export { useReport, reportQueryKey, stableStringify } from './useReport';
export type { UseReportOptions } from './useReport';
export { Report } from './Report';
export type { ReportProps } from './Report';
export type { ReportClient, ReportDefinition, ReportResult, ReportSelection } from './types';
export { headlineItems } from './headlineItems';
