import { compile, narrow, parse, type NormalizedReportDefinition, type ReportResult } from '../reports';
import type { SearchPort } from './es';

/** Compile, search, parse: the whole of running a report, scoped to `tenant`. */
export async function runReport(
  es: SearchPort,
  definition: NormalizedReportDefinition,
  tenant: string,
  now: Date,
  signal?: AbortSignal,
): Promise<ReportResult> {
  const options = signal ? { signal } : {};
  let request = compile(definition, tenant, now);
  if (request.probe)
    request = narrow(request, await es.search({ index: request.index, ...request.probe.body }, options));
  const response = await es.search({ index: request.index, ...request.body }, options);
  return parse(definition, response, request);
}
