export * from './cubes';
export * from './plan';
export { summaryIndexEnsurer, summariseWindow, refreshSummaries, type WindowSummary } from './store';
export * from './state';
export { summarisePass, rebuildSummaries, changesOf, type PassResult } from './summarise';
export { readSummaryCoverage, summaryCoverageReader } from './coverage';
