import type { Client } from '@elastic/elasticsearch';
import { READ_ALIAS } from '../store/mapping';
import type { Window } from './plan';
import type { PendingHour } from './state';

/**
 * Which records changed: those stamped with an ingestion time in a window, all records of an
 * event-time window, or every record of one customer (seen for the first time) before an instant.
 */
export type Change = { ingested: Window } | { events: Window } | { customer: string; before: number };

/**
 * The customers and hours of event time holding the records of a change: what a load touched,
 * found from the records themselves by their ingestion time (a late event lands in its own, old
 * hour) or, when a period was replaced (a version switch), every hour of it.
 */
export async function touchedHours(es: Client, change: Change): Promise<PendingHour[]> {
  const query =
    'customer' in change
      ? {
          bool: {
            filter: [
              { term: { customer_id: change.customer } },
              { range: { ts: { lt: change.before, format: 'epoch_millis' } } },
            ],
          },
        }
      : 'ingested' in change
        ? {
            range: {
              ingested_at: { gte: change.ingested.from, lte: change.ingested.to, format: 'epoch_millis' },
            },
          }
        : { range: { ts: { gte: change.events.from, lte: change.events.to, format: 'epoch_millis' } } };
  const hours: PendingHour[] = [];
  let after: Record<string, string | number> | undefined;
  for (;;) {
    const response = await es.search({
      index: READ_ALIAS,
      size: 0,
      track_total_hits: false,
      query,
      aggs: {
        touched: {
          composite: {
            size: 10_000,
            sources: [
              { customer: { terms: { field: 'customer_id' } } },
              { hour: { date_histogram: { field: 'ts', fixed_interval: '1h' } } },
            ],
            ...(after ? { after } : {}),
          },
        },
      },
    });
    const touched = response.aggregations?.touched as
      | {
          buckets: { key: { customer: string; hour: number } }[];
          after_key?: Record<string, string | number>;
        }
      | undefined;
    for (const b of touched?.buckets ?? [])
      hours.push({ customer: b.key.customer, hour: Number(b.key.hour) });
    if (!touched?.after_key || touched.buckets.length === 0) return hours;
    after = touched.after_key;
  }
}

/** Consecutive hours of one customer as windows, so each is counted in one pass. */
export function hourWindows(hours: readonly PendingHour[]): Map<string, Window[]> {
  const byCustomer = new Map<string, number[]>();
  for (const { customer, hour } of hours) {
    const list = byCustomer.get(customer) ?? [];
    list.push(hour);
    byCustomer.set(customer, list);
  }
  const windows = new Map<string, Window[]>();
  for (const [customer, list] of byCustomer) windows.set(customer, runsOf(list, 3_600_000));
  return windows;
}

/** Periods of `step` milliseconds starting at `starts` (in any order, repeats allowed), consecutive ones joined. */
export function runsOf(starts: Iterable<number>, step: number): Window[] {
  const runs: Window[] = [];
  for (const start of [...new Set(starts)].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && last.to === start) last.to = start + step;
    else runs.push({ from: start, to: start + step });
  }
  return runs;
}
