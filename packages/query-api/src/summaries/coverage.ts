import type { Client } from '@elastic/elasticsearch';
import { LOAD_LOG_INDEX } from '../pipeline/load-log';
import { READ_ALIAS } from '../store/mapping';
import { ttlCache } from '../pipeline/health/ttl-cache';
import { HOUR_MS } from './cubes';
import type { SummaryCoverage } from './plan';
import { readSummaryState, SUMMARY_STATE_ID } from './state';

/** How long the API reuses what it read of the summaries' reach: reports poll every few seconds. */
const COVERAGE_TTL_MS = 1_000;

/**
 * What the API passes the compiler: the hours summaries answer for, as of now. The summariser's own
 * `through`, pulled back to the earliest hour that a load it has not taken in yet may have changed
 * for this customer (a late event, a replaced period), so a report never counts summaries that miss
 * records already stored. Undefined while the customer's history is not summarised: its reports
 * read the records.
 *
 * Which hours a load changed for this customer is read from the records it stored (their ingestion
 * time), not from its load-log entry: one entry holds many customers' records, and another
 * customer's backfill of last year must not send this one's reports to its records (at 50M records,
 * seconds instead of milliseconds) until the summariser has caught up. Its records stored since the
 * earliest pending load began are all taken into account, a few already summarised among them
 * perhaps: safe, and one cheap search. A version switch stores no records: its period counts for
 * every customer.
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
  const pending = await es.search(
    {
      index: LOAD_LOG_INDEX,
      size: 0,
      track_total_hits: false,
      query: {
        bool: {
          filter: [{ range: { '@timestamp': { gt: state.watermark, format: 'epoch_millis' } } }],
          // An archive segment stores no record (and is stamped with the firehose's clock).
          must_not: [{ term: { loader: 'archive' } }],
        },
      },
      aggs: {
        switched: {
          filter: { term: { loader: 'version' } },
          aggs: { earliest: { min: { field: 'event_from' } } },
        },
        ingested: { min: { field: 'ingested_from' } },
      },
    },
    { ignore: [404] },
  );
  const aggs = pending.aggregations as
    { switched: { earliest: { value: number | null } }; ingested: { value: number | null } } | undefined;
  const ingestedFrom = aggs?.ingested.value;
  const stored = typeof ingestedFrom === 'number' ? await earliestStored(es, customer, ingestedFrom) : null;
  const earliest = Math.min(aggs?.switched.earliest.value ?? Infinity, stored ?? Infinity);
  const through = Number.isFinite(earliest)
    ? Math.min(state.through, Math.floor(earliest / HOUR_MS) * HOUR_MS)
    : state.through;
  return { through };
}

/** The event time of this customer's earliest record ingested since `ingestedFrom`, if any. */
async function earliestStored(es: Client, customer: string, ingestedFrom: number): Promise<number | null> {
  const response = await es.search({
    index: READ_ALIAS,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    track_total_hits: false,
    query: {
      bool: {
        filter: [
          { term: { customer_id: customer } },
          { range: { ingested_at: { gte: ingestedFrom, format: 'epoch_millis' } } },
        ],
      },
    },
    aggs: { earliest: { min: { field: 'ts' } } },
  });
  return (response.aggregations?.earliest as { value: number | null } | undefined)?.value ?? null;
}

/**
 * Reads how far a customer's summaries reach (see readSummaryCoverage). `lastRead` is what the last
 * read begun gave, while it is recent: the reach moves when an hour closes or a late load arrives, so
 * a report can start on it while the fresh read is under way (see runReport).
 */
export interface SummaryCoverageReader {
  (customer: string): Promise<SummaryCoverage | undefined>;
  /** The answer of the last read begun for `customer` that answered, if it began within LAST_READ_MAX_AGE_MS. */
  lastRead?(customer: string): { coverage: SummaryCoverage | undefined } | undefined;
}

/** How old a last read may be to start a report on: a few minutes, well within the hour that moves it. */
export const LAST_READ_MAX_AGE_MS = 5 * 60_000;
const LAST_READ_MAX_CUSTOMERS = 10_000;

/**
 * The coverage reader the API uses: one read per customer and second at most, shared by concurrent
 * reports, and the last answer per customer kept for `lastRead`.
 */
export function summaryCoverageReader(
  es: Client,
  read: (customer: string) => Promise<SummaryCoverage | undefined> = (customer) =>
    readSummaryCoverage(es, customer),
  clock: () => number = () => performance.now(),
): SummaryCoverageReader {
  const cache = ttlCache<SummaryCoverage | undefined>({ ttlMs: COVERAGE_TTL_MS, clock });
  const last = new Map<string, { at: number; coverage: SummaryCoverage | undefined }>();
  const reader: SummaryCoverageReader = (customer) =>
    cache.get(customer, async () => {
      const at = clock();
      const coverage = await read(customer);
      // A read that began before the one kept (slower than a second) tells an older reach.
      if ((last.get(customer)?.at ?? -Infinity) > at) return coverage;
      // Re-inserted, so the map's first key is the least recently read one.
      last.delete(customer);
      const oldest = last.keys().next();
      if (last.size >= LAST_READ_MAX_CUSTOMERS && !oldest.done) last.delete(oldest.value);
      last.set(customer, { at, coverage });
      return coverage;
    });
  reader.lastRead = (customer) => {
    const entry = last.get(customer);
    return entry && clock() - entry.at < LAST_READ_MAX_AGE_MS ? { coverage: entry.coverage } : undefined;
  };
  return reader;
}
