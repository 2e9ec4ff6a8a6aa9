/**
 * The report compiler: a definition (from @sightline/schema/reports) into Elasticsearch searches, and
 * their answers into results. Pure: no I/O.
 */
export {
  compile,
  narrow,
  parse,
  probeSearches,
  type CompiledRequest,
  type CompileOptions,
  type Plan,
  type Search,
} from './compile';
export { compileLogQuery, type LogQuery, type LogQueryInput } from './log-query';
export type { EsSearchResponse, SearchBody } from './es-types';
