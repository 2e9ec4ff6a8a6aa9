export * from './definition';
export * from './result';
export { compile, narrow, parse, type CompiledRequest, type CompileOptions, type Plan } from './compile';
export type { CursorKey } from './cursor';
export { compileLogQuery, type LogQuery, type LogQueryInput } from './log-query';
export { ReportDefinitionError, toIssues, type Issue } from './issues';
export { MAX_BATCH_REPORTS, type ReportBatchError, type ReportBatchLine } from './batch';
export {
  AUTHENTICATIONS,
  BAD_REPUTATION,
  COUNTING_RULE,
  builtinReports,
  builtinReport,
  type BuiltinReport,
} from './catalog';
export type { EsSearchResponse, SearchBody } from './es-types';
export { METRICS, isAdditive } from './metrics';
export { FILTER_OPS } from './filters/types';
export { valueProblem as filterValueProblem } from './filters/values';
export * from './limits';
export { canonicalTimeZone } from './time';
export {
  DEFAULT_LOG_TABLE_COLUMNS,
  formatTable,
  resultTable,
  type ResultTableOptions,
  type TextTable,
} from './table';
export { figureChange, type FigureChange } from './change';
export { budgetProblems, filterCost, type FilterCost } from './filters/budget';
export { SEARCHABLE_FIELDS } from './filters/searchable';
