export * from './cubes';
export * from './plan';
export { summaryIndexEnsurer, summariseWindow, refreshSummaries, type WindowSummary } from './store';
export * from './state';
export { summarisePass, rebuildSummaries, changesOf, SETTLE_MS, type PassResult } from './summarise';
export { readSummaryCoverage, summaryCoverageReader } from './coverage';
export { runSummariser, type SummariserOptions } from './daemon';
