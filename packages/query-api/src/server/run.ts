import { compile, narrow, parse, probeSearches, type SearchBody } from '../reports';
import {
  type CursorKey,
  type NormalizedReportDefinition,
  type ReportResult,
} from '@sightline/schema/reports';
import type { SummaryCoverageReader } from '../summaries/coverage';
import type { SummaryCoverage } from '../summaries/plan';
import { SEARCH_REQUEST_TIMEOUT_MS, SEARCH_TIMEOUT_MS, type SearchPort } from './es';
import { ApiError, RETRY_AFTER_SECONDS } from './errors';

/** A report Elasticsearch could not finish in time: partial numbers would be wrong, so none are given. */
function searchTimedOut(): ApiError {
  return new ApiError(
    503,
    'unavailable',
    `Elasticsearch did not finish this report within ${SEARCH_TIMEOUT_MS / 1000}s; retry, or narrow its time range or filters`,
    { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
  );
}

/**
 * A report some shards could not search (a primary with no copy left): their records are missing
 * from the counts, and a presence probe would read a field they carry as absent.
 */
function shardsFailed(failed: number): ApiError {
  return new ApiError(
    503,
    'unavailable',
    `Elasticsearch could not search ${failed} shard${failed === 1 ? '' : 's'} of this report's data; retry shortly`,
    { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
  );
}

/** What running a report needs from its host: Elasticsearch, and the key that signs log cursors. */
export interface RunReportDeps {
  es: SearchPort;
  cursors: CursorKey;
  /** How far the hourly summaries reach (see summaries/coverage.ts); without it reports read the records. */
  summaries?: SummaryCoverageReader;
}

/**
 * Compile, search, parse: the whole of running a report, scoped to `tenant`.
 *
 * A report's first page reads how far the summaries reach, up to three round trips to Elasticsearch. When
 * the reader has a recent answer, the report starts on it while the fresh read is under way, and is
 * answered only once the fresh read agrees; where it does not (an hour closed, a late load arrived),
 * the guess is cancelled and the report runs again on the fresh reach. Either way a report is
 * answered on the reach the fresh read gave (which, as before, may be the reader's answer of the
 * last second).
 */
export async function runReport(
  deps: RunReportDeps,
  definition: NormalizedReportDefinition,
  tenant: string,
  now: Date,
  signal?: AbortSignal,
): Promise<ReportResult> {
  // A log lists records; summaries count its first page's total.
  const firstPage = definition.view.type !== 'log' || !definition.view.cursor;
  const reader = firstPage ? deps.summaries : undefined;
  const run = (coverage: SummaryCoverage | undefined, on?: AbortSignal) =>
    runOn(deps, definition, tenant, now, coverage, on);
  if (!reader) return run(undefined, signal);
  const fresh = reader(tenant);
  const last = reader.lastRead?.(tenant);
  if (!last || signal?.aborted) return run(await fresh, signal);
  const guess = new AbortController();
  const cancel = () => guess.abort(signal?.reason);
  signal?.addEventListener('abort', cancel, { once: true });
  const guessed = run(last.coverage, guess.signal);
  // Read below, or dropped once cancelled: never an unhandled rejection.
  guessed.catch(() => {});
  try {
    const coverage = await fresh;
    if (sameCoverage(coverage, last.coverage)) return await guessed;
    guess.abort();
    return await run(coverage, signal);
  } catch (error) {
    guess.abort();
    throw error;
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

/** Whether two reaches compile every report alike: every field of SummaryCoverage compared. */
function sameCoverage(a: SummaryCoverage | undefined, b: SummaryCoverage | undefined): boolean {
  return a?.through === b?.through;
}

/** A report on a given reach of the summaries (none: the records alone). */
async function runOn(
  deps: RunReportDeps,
  definition: NormalizedReportDefinition,
  tenant: string,
  now: Date,
  coverage: SummaryCoverage | undefined,
  signal?: AbortSignal,
): Promise<ReportResult> {
  const options = { requestTimeout: SEARCH_REQUEST_TIMEOUT_MS, ...(signal ? { signal } : {}) };
  const search = async (index: string, body: SearchBody) => {
    const response = await deps.es.search({ index, ...body, timeout: `${SEARCH_TIMEOUT_MS}ms` }, options);
    if ((response as { timed_out?: boolean }).timed_out) throw searchTimedOut();
    const failed = (response as { _shards?: { failed?: number } })._shards?.failed ?? 0;
    if (failed > 0) throw shardsFailed(failed);
    return response;
  };
  const compileOptions = { cursors: deps.cursors, ...(coverage ? { summaries: coverage } : {}) };
  let request = compile(definition, tenant, now, compileOptions);
  if (request.probe) {
    const [rank, ...others] = await Promise.all(
      probeSearches(request).map(({ index, body }) => search(index, body)),
    );
    request = narrow(request, rank!, others);
  }
  const response = await search(request.index, request.body);
  return parse(definition, response, request, compileOptions);
}
