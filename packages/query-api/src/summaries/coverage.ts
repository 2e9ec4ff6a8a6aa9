import type { Client } from '@elastic/elasticsearch';
import { LOAD_LOG_INDEX } from '../pipeline/load-log';
import { ttlCache } from '../pipeline/health/ttl-cache';
import { HOUR_MS } from './cubes';
import type { SummaryCoverage } from './plan';
import { readSummaryState, SUMMARY_STATE_ID } from './state';

/** How long the API reuses what it read of the summaries' reach: reports poll every few seconds. */
const COVERAGE_TTL_MS = 1_000;

/**
 * What the API passes the compiler: the hours summaries answer for, as of now. The summariser's own
 * `through`, pulled back to the earliest hour any load it has not taken in yet may have changed (a
 * late event, a replaced period), so a report never counts summaries that miss records already
 * stored. Undefined while the customer's history is not summarised: its reports read the records.
 */
export async function readSummaryCoverage(
  es: Client,
  customer: string,
  stateId = SUMMARY_STATE_ID,
): Promise<SummaryCoverage | undefined> {
  const state = await readSummaryState(es, stateId).catch((error: unknown) => {
    // No summary state index yet: no summaries.
    if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return null;
    throw error;
  });
  if (!state || state.through <= 0 || !state.customers.includes(customer)) return undefined;
  const response = await es.search(
    {
      index: LOAD_LOG_INDEX,
      size: 0,
      track_total_hits: false,
      query: { range: { '@timestamp': { gt: state.watermark, format: 'epoch_millis' } } },
      aggs: { earliest: { min: { field: 'event_from' } } },
    },
    { ignore: [404] },
  );
  const earliest = (response.aggregations?.earliest as { value: number | null } | undefined)?.value;
  const through =
    typeof earliest === 'number'
      ? Math.min(state.through, Math.floor(earliest / HOUR_MS) * HOUR_MS)
      : state.through;
  return { through };
}

/** The coverage reader the API uses: one read per customer and second at most, shared by concurrent reports. */
export function summaryCoverageReader(
  es: Client,
): (customer: string) => Promise<SummaryCoverage | undefined> {
  const cache = ttlCache<SummaryCoverage | undefined>({ ttlMs: COVERAGE_TTL_MS });
  return (customer) => cache.get(customer, () => readSummaryCoverage(es, customer));
}
