import {
  compile,
  narrow,
  parse,
  type CursorKey,
  type NormalizedReportDefinition,
  type ReportResult,
} from '../reports';
import type { SearchPort } from './es';

/** What running a report needs from its host: Elasticsearch, and the key that signs log cursors. */
export interface RunReportDeps {
  es: SearchPort;
  cursors: CursorKey;
}

/** Compile, search, parse: the whole of running a report, scoped to `tenant`. */
export async function runReport(
  deps: RunReportDeps,
  definition: NormalizedReportDefinition,
  tenant: string,
  now: Date,
  signal?: AbortSignal,
): Promise<ReportResult> {
  const { es } = deps;
  const options = signal ? { signal } : {};
  const compileOptions = { cursors: deps.cursors };
  let request = compile(definition, tenant, now, compileOptions);
  if (request.probe)
    request = narrow(request, await es.search({ index: request.index, ...request.probe.body }, options));
  const response = await es.search({ index: request.index, ...request.body }, options);
  return parse(definition, response, request, compileOptions);
}
