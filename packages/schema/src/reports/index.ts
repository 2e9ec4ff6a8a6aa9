/**
 * Report definitions and their results: the zod schemas a definition is checked with (the types are
 * read off them), the built-in reports, limits, filter rules and the text table of a result.
 * Browser-safe: compiling a definition into an Elasticsearch search is the server's (@sightline/query-api).
 */
export * from './definition';
export * from './result';
export * from './limits';
export * from './metrics';
export * from './fields';
export * from './catalog';
export * from './change';
export * from './table';
export * from './time';
export * from './issues';
export * from './batch';
export * from './cursor';
export * from './filters/types';
export * from './filters/values';
export * from './filters/searchable';
export * from './filters/budget';
export * from './filters/depth';
export * from './filters/ip-order';
export * from './filters/schema';
export { valueProblem as filterValueProblem } from './filters/values';
