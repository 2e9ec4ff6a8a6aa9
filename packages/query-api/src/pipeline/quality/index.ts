export type { QualityContext } from './context';
export { QUALITY_THRESHOLDS, type QualityThresholds } from './thresholds';
export type { CheckName, CheckResult, CheckSpec, CheckStatus, Policy, Severity } from './types';
export { failed, runQualityChecks } from './run';
export { latestResults, QUALITY_INDEX, recordResults } from './store';
export { formatResults } from './format';
