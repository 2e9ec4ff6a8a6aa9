import { z } from 'zod';
import {
  MAX_BATCH_REPORTS,
  reportDefinitionSchema,
  toIssues,
  type ReportBatchLine,
} from '@sightline/schema/reports';
import { isAborted } from './es';
import { invalid, logFault, toApiError } from './errors';
import { runReport, type RunReportDeps } from './run';

/** The body of POST /api/reports/batch; each report is checked on its own, as POST /api/reports/run would. */
export const reportBatchSchema = z.strictObject({
  reports: z
    .array(z.unknown())
    .min(1, 'a batch holds at least one report')
    .max(MAX_BATCH_REPORTS, `a batch holds at most ${MAX_BATCH_REPORTS} reports`)
    // Each is checked on its own (a bad one gets its own error line), so the list takes anything;
    // what each should be is a report definition.
    .meta({ items: { $ref: '#/components/schemas/ReportDefinition' } }),
});

/** One report's line: its result, or the error it would have had on its own; null once the caller left. */
async function answer(
  deps: RunReportDeps,
  raw: unknown,
  index: number,
  tenant: string,
  now: Date,
  signal: AbortSignal,
): Promise<ReportBatchLine | null> {
  try {
    const parsed = reportDefinitionSchema.safeParse(raw);
    if (!parsed.success) throw invalid(toIssues(parsed.error), 'invalid report definition');
    return { index, result: await runReport(deps, parsed.data, tenant, now, signal) };
  } catch (error) {
    if (isAborted(error, signal)) return null;
    const api = toApiError(error);
    logFault(error, api);
    const retryAfter = Number(api.headers['Retry-After']);
    return {
      index,
      error: {
        status: api.status,
        code: api.code,
        message: api.message,
        ...(api.issues ? { issues: api.issues } : {}),
        ...(retryAfter > 0 ? { retryAfter } : {}),
      },
    };
  }
}

/**
 * Runs every report of a batch at once and streams one NDJSON line per report as it finishes. A
 * browser opens six connections to a host: a page of eight reports, sent one request each, has two
 * waiting for a connection behind the slowest, and whatever else the page asks for behind those.
 * Leaving (the caller's signal) cancels the searches still running.
 */
export function runReportBatch(
  deps: RunReportDeps,
  reports: readonly unknown[],
  tenant: string,
  now: Date,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let open = true;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      await Promise.all(
        reports.map(async (raw, index) => {
          const line = await answer(deps, raw, index, tenant, now, signal);
          if (line && open && !signal.aborted)
            controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        }),
      );
      if (open && !signal.aborted) controller.close();
    },
    // The reader went away without the request's signal saying so: nothing more is written.
    cancel() {
      open = false;
    },
  });
}
