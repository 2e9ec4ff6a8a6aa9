export * from './cubes';
export * from './plan';
export {
  ALL_SUMMARY_INDICES,
  summaryIndexEnsurer,
  summariseWindow,
  refreshSummaries,
  type WindowSummary,
} from './store';
export { summariseDays } from './daily';
export * from './state';
export { summarisePass, rebuildSummaries, changesOf, SETTLE_MS, type PassResult } from './summarise';
export { readSummaryCoverage, summaryCoverageReader, type SummaryCoverageReader } from './coverage';
export { runSummariser, type SummariserOptions } from './daemon';
