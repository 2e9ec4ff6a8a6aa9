import type { Client } from '@elastic/elasticsearch';
import { INDEX_PATTERN, READ_ALIAS } from '../store/mapping';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../pipeline/load-log';
import { DAY_MS, HOUR_MS } from './cubes';
import { customerCounts } from './customers';
import { customersWithDays, summariseDays } from './daily';
import { ceilDay, floorDay } from './plan';
import {
  readSummaryState,
  SUMMARY_STATE_ID,
  writeSummaryState,
  type PendingHour,
  type SummaryState,
} from './state';
import { summariseWindow, refreshSummaries } from './store';
import { hourWindows, runsOf, touchedHours, type Change } from './touched';

/**
 * Load-log entries committed this recently are left for the next pass: an entry is written after
 * its records and becomes searchable within a refresh, so one stamped just now may not be visible
 * yet while a later one is; skipping past it would lose its hours.
 */
export const SETTLE_MS = 2_000;
/** Entries read per pass: a long backlog (a first run) is caught up over several passes. */
export const ENTRIES_PER_PASS = 500;
/**
 * An hour is summarised once it has been over this long: until then the sink is still writing it,
 * and reports read its records anyway (the partial hour at the end of their range).
 */
export const CLOSE_GRACE_MS = 30_000;

/** Hours starting before this instant have closed (see CLOSE_GRACE_MS). */
const closedHoursBefore = (now: number) => Math.floor((now - CLOSE_GRACE_MS) / HOUR_MS) * HOUR_MS;

export interface PassResult {
  /** Load-log entries taken into account. */
  entries: number;
  /** Customer-hours recomputed. */
  hours: number;
  written: number;
  removed: number;
  /** Hours starting before this are summarised (epoch ms). */
  through: number;
  /** Whether the load log has nothing more to read right now. */
  caughtUp: boolean;
  /** The customer whose whole history this pass rebuilt, if it was a backlog pass. */
  rebuilt?: string;
  /** Customers still waiting to be rebuilt after this pass. */
  backlog?: number;
}

type EntryFields = Pick<
  LoadLogEntry,
  '@timestamp' | 'loader' | 'ingested_from' | 'ingested_to' | 'event_from' | 'event_to'
>;

/**
 * Ingestion windows this close are searched as one: loads of a pass mostly follow one another, a
 * second or so apart, so a handful of searches cover hundreds of them.
 */
export const MERGE_GAP_MS = 60_000;

/**
 * What each load changed: records stamped in its ingestion window, or (a replaced period) its event
 * window. Ingestion windows that touch or lie within MERGE_GAP_MS of each other are merged, and only
 * those: one load stamped long ago (a reprocessed month keeps its records' stamps) beside today's
 * must not make one span of everything stamped in between.
 */
export function changesOf(entries: readonly EntryFields[]): Change[] {
  const ingested: { from: number; to: number }[] = [];
  const events: Change[] = [];
  for (const e of entries) {
    // A version switch replaced a whole period: its entry names the period, not new stamps.
    const replaced = (e.loader as string) === 'version';
    if (!replaced && e.ingested_from && e.ingested_to)
      ingested.push({ from: Date.parse(e.ingested_from), to: Date.parse(e.ingested_to) });
    else if (e.event_from && e.event_to)
      events.push({ events: { from: Date.parse(e.event_from), to: Date.parse(e.event_to) } });
  }
  const spans: { from: number; to: number }[] = [];
  for (const w of ingested.sort((a, b) => a.from - b.from)) {
    const last = spans.at(-1);
    if (last && w.from <= last.to + MERGE_GAP_MS) last.to = Math.max(last.to, w.to);
    else spans.push({ ...w });
  }
  return [...spans.map((span) => ({ ingested: span })), ...events];
}

/**
 * One pass of the summariser: reads the load log past its watermark, finds the customer-hours those
 * loads touched, recomputes the ones that have closed (keeping open ones pending until they close),
 * then moves its watermark and coverage. Side effects first, state last: a pass that fails half-way
 * is simply done again.
 */
export async function summarisePass(
  es: Client,
  now: number = Date.now(),
  stateId = SUMMARY_STATE_ID,
): Promise<PassResult> {
  const stored = await readSummaryState(es, stateId);
  if (!stored || (stored.backlog?.length ?? 0) > 0) return rebuildPass(es, now, stateId, stored);
  const state: SummaryState = stored;
  const entries = await entriesAfter(es, state.watermark, now - SETTLE_MS);
  const full = entries.length === ENTRIES_PER_PASS;
  // A full page may cut through entries sharing its last instant: leave those for the next pass.
  const lastAt = entries.at(-1)?.['@timestamp'];
  const taken =
    full && lastAt && entries[0]!['@timestamp'] !== lastAt
      ? entries.filter((e) => e['@timestamp'] !== lastAt)
      : entries;
  const watermark = taken.length > 0 ? Date.parse(taken.at(-1)!['@timestamp']) : state.watermark;

  const changes = changesOf(taken);
  if (changes.length > 0)
    await es.indices.refresh({ index: INDEX_PATTERN, allow_no_indices: true, ignore_unavailable: true });
  const touched: PendingHour[] = [...state.pending];
  for (const change of changes) touched.push(...(await touchedHours(es, change)));

  const closedBefore = closedHoursBefore(now);
  const closed = touched.filter((h) => h.hour + HOUR_MS <= closedBefore);
  const open = touched.filter((h) => h.hour + HOUR_MS > closedBefore);
  // A customer seen for the first time has all its history summarised, whatever the load log says:
  // it joins the backlog, rebuilt one a pass with the state saved after each (a burst of newcomers,
  // a large one among them, is never one long pass that a crash would start again from scratch).
  const known = new Set(state.customers);
  const newcomers = [...new Set(touched.map((h) => h.customer))].filter((c) => !known.has(c));
  const isNew = new Set(newcomers);
  const result: PassResult = {
    entries: taken.length,
    hours: 0,
    written: 0,
    removed: 0,
    through: closedBefore,
    // Newcomers wait in the backlog: the next pass starts on them at once.
    caughtUp: !full && newcomers.length === 0,
  };
  for (const [customer, windows] of hourWindows(closed.filter((h) => !isNew.has(h.customer))))
    for (const window of windows) {
      const done = await summariseWindow(es, customer, window);
      result.hours += (window.to - window.from) / HOUR_MS;
      result.written += done.written;
      result.removed += done.removed;
    }
  if (result.hours > 0) await refreshSummaries(es);
  await closeDays(
    es,
    state,
    closedBefore,
    closed.filter((h) => !isNew.has(h.customer)),
    result,
  );
  await writeSummaryState(
    es,
    {
      watermark,
      through: closedBefore,
      // A newcomer's open hours are taken when it is rebuilt.
      pending: dedupe(open.filter((h) => !isNew.has(h.customer))),
      customers: state.customers,
      ...(newcomers.length > 0 ? { backlog: newcomers } : {}),
      updatedAt: now,
    },
    stateId,
  );
  return newcomers.length > 0 ? { ...result, backlog: newcomers.length } : result;
}

const END_OF_TIME = Date.UTC(9999, 0);

/**
 * The daily cubes' part of a pass, once its hours are summarised and searchable: the days that
 * closed since the last pass (from the state's `through` to `to`), for every customer of the state
 * with documents in them, and the closed days of hours this pass recomputed (late or replaced data).
 * Days still open wait for their close: a report reads them from the hourly cubes meanwhile. A state
 * that has not summarised up to any instant yet (`through` 0) has closed no day: its customers'
 * days come with their rebuild.
 */
async function closeDays(
  es: Client,
  state: Pick<SummaryState, 'through' | 'customers'>,
  to: number,
  recomputed: readonly PendingHour[],
  result: PassResult,
): Promise<void> {
  const days = new Map<string, Set<number>>();
  const add = (customer: string, day: number) => {
    const set = days.get(customer) ?? new Set<number>();
    set.add(day);
    days.set(customer, set);
  };
  const closing = { from: floorDay(state.through), to: floorDay(to) };
  if (state.through > 0 && closing.to > closing.from) {
    const known = new Set(state.customers);
    for (const customer of await customersWithDays(es, closing))
      if (known.has(customer))
        for (let day = closing.from; day < closing.to; day += DAY_MS) add(customer, day);
  }
  for (const { customer, hour } of recomputed)
    if (floorDay(hour) + DAY_MS <= to) add(customer, floorDay(hour));
  if (days.size === 0) return;
  for (const [customer, set] of days)
    for (const window of runsOf(set, DAY_MS)) {
      const done = await summariseDays(es, customer, window);
      result.written += done.written;
      result.removed += done.removed;
    }
  await refreshSummaries(es);
}

/** Summarises all the history of `customer` before `before`: only the hours that hold its records. */
async function rebuildCustomer(
  es: Client,
  customer: string,
  before: number,
  result: PassResult,
): Promise<void> {
  // A customer's history may span years with gaps.
  const history = await touchedHours(es, { customer, before });
  const windows = hourWindows(history).get(customer) ?? [];
  for (const window of windows) {
    const done = await summariseWindow(es, customer, window);
    result.hours += (window.to - window.from) / HOUR_MS;
    result.written += done.written;
    result.removed += done.removed;
  }
  if (windows.length === 0) return;
  // Its closed days, from the hourly documents just written.
  await refreshSummaries(es);
  const days = await summariseDays(es, customer, { from: floorDay(windows[0]!.from), to: floorDay(before) });
  result.written += days.written;
  result.removed += days.removed;
}

/**
 * A new state starts from the records, not from the beginning of the load log (which may be long,
 * and may not name every customer): its first pass lists every customer with records, smallest
 * first, and sets the watermark to now, since every load stamped before is in the records the
 * rebuild reads; each pass after rebuilds one customer and records it, so a restart resumes. Loads
 * taken in meanwhile wait for the backlog; the coverage the API reads holds back their hours.
 */
async function rebuildPass(
  es: Client,
  now: number,
  stateId: string,
  stored: SummaryState | null,
): Promise<PassResult> {
  const closedBefore = closedHoursBefore(now);
  const result: PassResult = {
    entries: 0,
    hours: 0,
    written: 0,
    removed: 0,
    through: stored?.through ?? closedBefore,
    caughtUp: false,
  };
  if (!stored) {
    await es.indices.refresh({ index: INDEX_PATTERN, allow_no_indices: true, ignore_unavailable: true });
    const state: SummaryState = {
      watermark: now,
      through: closedBefore,
      pending: [],
      customers: [],
      backlog: await customersBySize(es),
      updatedAt: now,
    };
    await writeSummaryState(es, state, stateId);
    return { ...result, through: closedBefore, backlog: state.backlog!.length };
  }
  const [customer, ...rest] = stored.backlog!;
  // Every closed hour of its history now; its open hours once they close (a load stamped before the
  // watermark may have written them, and no load after it need touch them again).
  await rebuildCustomer(es, customer!, closedBefore, result);
  const open = (await touchedHours(es, { customer: customer!, before: END_OF_TIME })).filter(
    (h) => h.hour >= closedBefore,
  );
  if (result.hours > 0) await refreshSummaries(es);
  await writeSummaryState(
    es,
    {
      ...stored,
      pending: dedupe([...stored.pending, ...open]),
      customers: stored.customers.includes(customer!) ? stored.customers : [...stored.customers, customer!],
      backlog: rest,
      updatedAt: now,
    },
    stateId,
  );
  return { ...result, rebuilt: customer!, backlog: rest.length };
}

/** Every customer with records, fewest records first: most customers are summarised soonest. */
async function customersBySize(es: Client): Promise<string[]> {
  const sizes = await customerCounts(es, READ_ALIAS);
  return sizes.sort((a, b) => a.count - b.count).map((s) => s.customer);
}

function dedupe(hours: readonly PendingHour[]): PendingHour[] {
  const seen = new Map(hours.map((h) => [`${h.customer}\u0000${h.hour}`, h]));
  return [...seen.values()];
}

async function entriesAfter(es: Client, watermark: number, until: number): Promise<EntryFields[]> {
  const response = await es.search<EntryFields>(
    {
      index: LOAD_LOG_INDEX,
      size: ENTRIES_PER_PASS,
      track_total_hits: false,
      query: {
        bool: {
          filter: [{ range: { '@timestamp': { gt: watermark, lte: until, format: 'epoch_millis' } } }],
          // An archive segment stores nothing in the auth log: the load that stored its records has its own entry.
          must_not: [{ term: { loader: 'archive' } }],
        },
      },
      sort: [{ '@timestamp': 'asc' }],
      _source: ['@timestamp', 'loader', 'ingested_from', 'ingested_to', 'event_from', 'event_to'],
    },
    { ignore: [404] },
  );
  return (response.hits?.hits ?? []).flatMap((h) => (h._source ? [h._source] : []));
}

/**
 * Recomputes the summaries of every hour in `window` (for one customer, or every customer with
 * records there), whatever the load log says: after data loaded before summaries existed, or to
 * check them. Does not move the summariser's state.
 */
export async function rebuildSummaries(
  es: Client,
  window: { from: number; to: number },
  customer?: string,
): Promise<PassResult> {
  const from = Math.floor(window.from / HOUR_MS) * HOUR_MS;
  const to = Math.ceil(window.to / HOUR_MS) * HOUR_MS;
  const hours = (await touchedHours(es, { events: { from, to: to - 1 } })).filter(
    (h) => customer === undefined || h.customer === customer,
  );
  const result: PassResult = { entries: 0, hours: 0, written: 0, removed: 0, through: to, caughtUp: true };
  // Hours with no records left still need their old summaries removed: cover the whole window.
  const customers = customer ? [customer] : [...new Set(hours.map((h) => h.customer))];
  for (const c of customers) {
    const done = await summariseWindow(es, c, { from, to });
    result.hours += (to - from) / HOUR_MS;
    result.written += done.written;
    result.removed += done.removed;
  }
  await refreshSummaries(es);
  // The closed days those hours belong to; open ones are counted when they close.
  const days = {
    from: floorDay(from),
    to: Math.min(ceilDay(to), floorDay(closedHoursBefore(Date.now()))),
  };
  if (days.to > days.from) {
    for (const c of customers) {
      const done = await summariseDays(es, c, days);
      result.written += done.written;
      result.removed += done.removed;
    }
    await refreshSummaries(es);
  }
  return result;
}
