import { compile, parse, type NormalizedReportDefinition, type ReportResult } from '../reports';
import type { SearchPort } from './es';

/** Compile, search, parse: the whole of running a report, scoped to `tenant`. */
export async function runReport(
  es: SearchPort,
  definition: NormalizedReportDefinition,
  tenant: string,
  now: Date,
  signal?: AbortSignal,
): Promise<ReportResult> {
  const request = compile(definition, tenant, now);
  const response = await es.search({ index: request.index, ...request.body }, signal ? { signal } : {});
  return parse(definition, response, request);
}
