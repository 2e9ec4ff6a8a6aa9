import type { estypes } from '@elastic/elasticsearch';
import type { EsSearchResponse } from '../../reports';
import { READ_ALIAS } from '../../store/mapping';
import { LAGGING_ABOVE_MESSAGES } from './status';
import type { Freshness } from '@sightline/schema/api-schemas';

/**
 * Records waiting in Kafka while nothing new was stored for two minutes: what the people looking at a
 * live dashboard notice. A quiet source with nothing waiting is not stale, however old its newest
 * record is.
 */
export const STALE_AFTER_MS = 120_000;

/** The newest event and ingestion times stored, as epoch ms; null when nothing is. */
export interface NewestStored {
  eventMs: number | null;
  ingestedMs: number | null;
}

/** The lag part of freshness: a number, or why there is none. */
export type LagReading = { lag: number } | { lag: null; reason: string };

/**
 * Two max aggregations, scoped to one customer (or none, for an admin's overall view). Size 0, so
 * Elasticsearch's request cache answers repeats until the next refresh brings new records.
 */
export function newestStoredRequest(customer: string | null): estypes.SearchRequest {
  return {
    index: READ_ALIAS,
    allow_no_indices: true,
    ignore_unavailable: true,
    size: 0,
    track_total_hits: false,
    query:
      customer === null ? { match_all: {} } : { bool: { filter: [{ term: { customer_id: customer } }] } },
    aggs: { newest_ts: { max: { field: 'ts' } }, newest_ingested: { max: { field: 'ingested_at' } } },
  };
}

function maxValue(response: EsSearchResponse, name: string): number | null {
  const agg = response.aggregations?.[name] as { value?: number | null } | undefined;
  return typeof agg?.value === 'number' && Number.isFinite(agg.value) ? agg.value : null;
}

export function parseNewestStored(response: EsSearchResponse): NewestStored {
  return { eventMs: maxValue(response, 'newest_ts'), ingestedMs: maxValue(response, 'newest_ingested') };
}

/** A source clock running ahead can store records "from the future"; their age reads as 0, not negative. */
function ageOf(ms: number | null, now: number): number | null {
  return ms === null ? null : Math.max(0, now - ms);
}

/** The freshness answer at `now` from what is stored and what the indexer group has yet to store. */
export function freshnessAt(
  customer: string | null,
  newest: NewestStored,
  lag: LagReading,
  now: Date,
): Freshness {
  const at = now.getTime();
  const ingestedAge = ageOf(newest.ingestedMs, at);
  const waiting = lag.lag !== null && lag.lag > 0;
  const stale =
    (waiting && (ingestedAge === null || ingestedAge > STALE_AFTER_MS)) ||
    (lag.lag !== null && lag.lag > LAGGING_ABOVE_MESSAGES);
  return {
    customer,
    newestEventAt: newest.eventMs === null ? null : new Date(newest.eventMs).toISOString(),
    newestEventAgeMs: ageOf(newest.eventMs, at),
    newestIngestedAt: newest.ingestedMs === null ? null : new Date(newest.ingestedMs).toISOString(),
    newestIngestedAgeMs: ingestedAge,
    lag: lag.lag,
    ...(lag.lag === null ? { lagUnavailable: lag.reason } : {}),
    stale,
    staleAfterMs: STALE_AFTER_MS,
    laggingAboveMessages: LAGGING_ABOVE_MESSAGES,
    checkedAt: now.toISOString(),
  };
}
