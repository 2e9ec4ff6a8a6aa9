import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
import {
  BAD_REPUTATION,
  builtinReport,
  builtinReports,
  type ReportDefinition,
  type ReportResult,
} from '@sightline/schema/reports';
import { compileFilter } from '../packages/query-api/src/reports/filters/compile';
import {
  ALL_SUMMARY_INDICES,
  readSummaryCoverage,
  readSummaryState,
  summaryCoverageReader,
  summaryIndex,
  type SummaryCoverageReader,
  summarisePass,
} from '../packages/query-api/src/summaries';
import { esClient } from './ingest.support';
import { endTestSummaries, loadRecords, startTestSummaries } from './summaries.support';
import { customerApi } from './records.support';

/** This file's month and customers (see cleanTestMonth), and its load-log streams. */
const MONTH = '2017-03';
const PREFIX = 'itsumm-';
const STREAM = 'itest-summaries/';
const END = new Date('2017-03-20T00:00:00Z');
const client = esClient();
/** This file's own summariser state: it starts at this file's loads and leaves the pipeline's alone. */
const STATE = 'itest-summaries';
let customer = '';

/** The same reports through two APIs: one counting whole hours from summaries, one reading every record. */
let viaSummaries: ReturnType<typeof customerApi>;
let viaRecords: ReturnType<typeof customerApi>;
let reader: SummaryCoverageReader;

/** Absolute ranges that do not start or end on the hour: the records fill the partial hours. */
const WEEK = { from: '2017-03-12T09:17:00Z', to: '2017-03-19T16:43:00Z' };
/** A day not on the hour, for out of the ordinary (against the 30 days before). */
const DAY = { from: '2017-03-18T07:41:00Z', to: '2017-03-19T07:41:00Z' };

/** One customer's generated attempts over the two weeks before END. */
function dataSet(seed: string, count: number, customerPrefix: string) {
  return [...generateRecords({ seed, count, days: 14, end: END, customers: 'single', customerPrefix })];
}

/** An attempt of `who` at `ts` loaded after its hour was summarised: a denied passcode unless `overrides` say otherwise. */
function lateRecord(txid: string, who: string, ts: string, overrides: Record<string, unknown> = {}) {
  return {
    txid,
    customer_id: who,
    ts,
    event_type: 'authentication',
    result: 'denied',
    reason: 'invalid_passcode',
    factor: 'passcode',
    user: { name: 'late-user' },
    application: { name: 'Late App' },
    access_device: { ip: '198.51.100.7', location: { country: 'Iceland', country_code: 'IS' } },
    ...overrides,
  };
}

/** When the latest load started: its load-log entry is stamped after it. */
let loadedAt = 0;

async function load(records: Iterable<Record<string, unknown>>, stream: string | false): Promise<void> {
  loadedAt = Date.now();
  const summary = await loadRecords(client, records, stream === false ? false : `${STREAM}${stream}`);
  expect(summary.rejected).toBe(0);
}

/** Runs summariser passes until it has taken in every load committed so far. */
async function catchUp(who = customer): Promise<void> {
  for (let pass = 0; pass < 100; pass++) {
    await summarisePass(client, Date.now(), STATE);
    const state = await readSummaryState(client, STATE);
    if (state && state.watermark >= loadedAt) {
      const coverage = await readSummaryCoverage(client, who, STATE);
      if (coverage && coverage.through > END.getTime()) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the summariser did not take in the loads');
}

const withoutTiming = (result: ReportResult) => {
  const { tookMs: _took, source: _source, ...meta } = result.meta;
  return { ...result, meta };
};

/**
 * How far a country's position from summaries may be from geo_centroid's over the records, in
 * degrees: both are the mean of the same latitudes and longitudes, added up in another order
 * (per shard, then weighted; or per summary document, then summed), so they differ by rounding
 * alone, some 1e-13 degrees. 1e-9 degrees is a tenth of a millimetre.
 */
const CENTROID_TOLERANCE = 1e-9;

/** The same numbers both ways: exactly, but for map positions, within CENTROID_TOLERANCE. */
function expectSameNumbers(summarised: ReportResult, raw: ReportResult, name: string): void {
  if (summarised.view === 'log' && raw.view === 'log') {
    // Each API seals its cursors with its own key: the same rows and total, a next page both ways.
    const page = (r: typeof raw) => ({
      ...withoutTiming({ ...r, nextCursor: null }),
      more: r.nextCursor !== null,
    });
    expect(page(summarised), name).toEqual(page(raw));
    return;
  }
  if (summarised.view !== 'geo' || raw.view !== 'geo') {
    expect(withoutTiming(summarised), name).toEqual(withoutTiming(raw));
    return;
  }
  const unplaced = (r: typeof raw) =>
    withoutTiming({ ...r, rows: r.rows.map(({ lat: _lat, lon: _lon, ...row }) => row) });
  expect(unplaced(summarised), name).toEqual(unplaced(raw));
  raw.rows.forEach((row, i) => {
    const other = summarised.rows[i]!;
    expect(other.lat === undefined, `${name}: ${row.key} placed`).toBe(row.lat === undefined);
    if (row.lat === undefined) return;
    expect(Math.abs(other.lat! - row.lat), `${name}: ${row.key} latitude`).toBeLessThanOrEqual(
      CENTROID_TOLERANCE,
    );
    expect(Math.abs(other.lon! - row.lon!), `${name}: ${row.key} longitude`).toBeLessThanOrEqual(
      CENTROID_TOLERANCE,
    );
  });
}

async function both(definition: ReportDefinition) {
  const [summarised, raw] = await Promise.all([viaSummaries.run(definition), viaRecords.run(definition)]);
  return { summarised, raw };
}

/** Every built-in report over WEEK, and the time zones and comparisons that take other paths. */
function definitions(): { name: string; definition: ReportDefinition; source: 'summaries' | 'records' }[] {
  const builtins = builtinReports().map((r) => ({
    name: r.id,
    definition: { ...r.definition, timeRange: WEEK } as ReportDefinition,
    source: 'summaries' as const,
  }));
  return [
    ...builtins,
    {
      name: 'headline, compared with the week before',
      definition: { timeRange: WEEK, view: { type: 'headline', compare: 'previous' } },
      source: 'summaries',
    },
    {
      name: "the log's latest failures (its total counted from summaries, its rows from the records)",
      definition: {
        timeRange: WEEK,
        filters: {
          and: [
            { field: 'event_type', op: 'eq', value: 'authentication' },
            { field: 'result', op: 'in', values: ['denied', 'failure', 'fraud'] },
          ],
        },
        view: { type: 'log', pageSize: 10 },
      },
      source: 'summaries',
    },
    {
      name: 'failure rate by application',
      definition: {
        timeRange: WEEK,
        view: { type: 'breakdown', groupBy: 'application.name', metric: 'failure_rate' },
      },
      source: 'summaries',
    },
    {
      name: 'attempts by result over time in Berlin (whole hours from UTC)',
      definition: {
        timeRange: { ...WEEK, timeZone: 'Europe/Berlin' },
        view: { type: 'timeseries', interval: '1d', stackBy: 'result' },
      },
      source: 'summaries',
    },
    {
      name: 'attempts over time in Kolkata (half an hour off: read from the records)',
      definition: {
        timeRange: { ...WEEK, timeZone: 'Asia/Kolkata' },
        view: { type: 'timeseries', interval: '1h' },
      },
      source: 'records',
    },
    {
      name: 'a filter summaries cannot answer (free text)',
      definition: { timeRange: WEEK, filters: { text: 'a' }, view: { type: 'breakdown', groupBy: 'result' } },
      source: 'records',
    },
    {
      name: 'distinct users by country (a distinct count by a field the users cube lacks)',
      definition: {
        timeRange: WEEK,
        view: { type: 'breakdown', groupBy: 'reason', metric: 'distinct_users' },
      },
      source: 'records',
    },
    {
      name: 'the map by failure rate, cross-filtered on an application (the dimensions cube)',
      definition: {
        timeRange: WEEK,
        filters: { not: { field: 'factor', op: 'eq', value: 'duo_push' } },
        view: { type: 'geo', mode: 'country', metric: 'failure_rate' },
      },
      source: 'summaries',
    },
    {
      name: 'the map by grid cell (every position: read from the records)',
      definition: { timeRange: WEEK, view: { type: 'geo', mode: 'grid', precision: 4 } },
      source: 'records',
    },
    {
      name: 'Tor addresses by failure rate, failures only (the risky-IPs cube)',
      definition: {
        timeRange: WEEK,
        filters: {
          and: [
            { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: true },
            { field: 'result', op: 'in', values: ['denied', 'failure', 'fraud'] },
          ],
        },
        view: { type: 'breakdown', groupBy: 'access_device.ip', top: 5, metric: 'failure_rate' },
      },
      source: 'summaries',
    },
    {
      name: 'addresses, clean ones included (read from the records)',
      definition: {
        timeRange: WEEK,
        filters: { field: 'access_device.ip_reputation.is_vpn', op: 'eq', value: false },
        view: { type: 'breakdown', groupBy: 'access_device.ip', top: 5 },
      },
      source: 'records',
    },
    {
      name: 'out of the ordinary over a day not on the hour, against the 30 days before',
      definition: {
        timeRange: DAY,
        filters: { field: 'result', op: 'in', values: ['denied', 'failure', 'fraud'] },
        view: { type: 'significant', size: 20 },
      },
      source: 'summaries',
    },
    {
      name: 'out of the ordinary by user first: the users cube, by day over whole days, counts the totals',
      definition: {
        timeRange: DAY,
        view: { type: 'significant', fields: ['user.name', 'application.name', 'reason'], size: 20 },
      },
      source: 'summaries',
    },
    {
      name: 'the headline over three days not on the hour, against the three before (distinct users by day over whole days)',
      definition: {
        timeRange: { from: '2017-03-16T07:41:00Z', to: '2017-03-19T07:41:00Z' },
        filters: { field: 'event_type', op: 'eq', value: 'authentication' },
        view: { type: 'headline', compare: 'previous' },
      },
      source: 'summaries',
    },
    {
      name: 'out of the ordinary filtered on a field the users cube lacks (read from the records)',
      definition: {
        timeRange: WEEK,
        filters: { field: 'factor', op: 'eq', value: 'duo_push' },
        view: { type: 'significant' },
      },
      source: 'records',
    },
    {
      name: 'negated and nested filters on summarised fields',
      definition: {
        timeRange: WEEK,
        filters: {
          and: [
            { field: 'event_type', op: 'eq', value: 'authentication' },
            { not: { field: 'result', op: 'in', values: ['success'] } },
            {
              or: [
                { field: 'factor', op: 'exists' },
                { field: 'reason', op: 'not', value: 'user_approved' },
              ],
            },
          ],
        },
        view: { type: 'breakdown', groupBy: 'access_device.location.country', top: 5 },
      },
      source: 'summaries',
    },
  ];
}

beforeAll(async () => {
  await startTestSummaries(client, PREFIX, MONTH, STATE);
  const records = dataSet('summaries', 20_000, PREFIX);
  customer = records[0]!.customer_id;
  await load(records, 'base');
  await catchUp();
  // The API's own reader of the reach, on a clock a second on at every look: its one-second cache
  // never answers, so a load is seen as soon as it lands, and every report after the first starts on
  // the reader's last answer while the fresh read runs, as in the API.
  let clock = 0;
  reader = summaryCoverageReader(
    client,
    (c) => readSummaryCoverage(client, c, STATE),
    () => (clock += 1_000),
  );
  viaSummaries = customerApi(customer, () => ({ summaries: reader }));
  viaRecords = customerApi(customer);
}, 240_000);

afterAll(async () => {
  await endTestSummaries(client, PREFIX, MONTH, STATE);
  await Promise.all([viaSummaries?.close(), viaRecords?.close()]);
  await client.close();
});

describe('hourly summaries', () => {
  it('answer every built-in report they can with the same numbers as the records, and say which was used', async () => {
    for (const { name, definition, source } of definitions()) {
      // Loads made meanwhile (by other files) pull the coverage back until taken in.
      await catchUp();
      const { summarised, raw } = await both(definition);
      expectSameNumbers(summarised, raw, name);
      expect(summarised.meta.source, name).toBe(source);
      expect(raw.meta.source, name).toBe('records');
    }
  }, 300_000);

  it('count, together, exactly the records of the hours they summarise', async () => {
    const hours = { range: { ts: { gte: '2017-03-06T00:00:00Z', lt: '2017-03-20T00:00:00Z' } } };
    const mine = { term: { customer_id: customer } };
    await client.indices.refresh({ index: [summaryIndex('dimensions'), summaryIndex('users')] });
    const records = await client.count({
      index: 'sightline-authlog',
      query: { bool: { filter: [mine, hours] } },
    });
    // users_daily: the same records, a document per day (every day of the two weeks has closed).
    for (const cube of ['dimensions', 'users', 'users_daily', 'risky_ips'] as const) {
      // A bucket counts a summary document as its _doc_count: the records it stands for.
      const weighted = await client.search({
        index: summaryIndex(cube),
        size: 0,
        query: { bool: { filter: [mine, hours] } },
        aggs: { all: { filter: { match_all: {} } } },
      });
      expect((weighted.aggregations?.all as { doc_count: number }).doc_count, cube).toBe(records.count);
    }
    // The risky-IPs cube: a document per address and combination for the records with a bad
    // reputation, and an hourly presence document standing for all the others.
    const bad = await client.count({
      index: 'sightline-authlog',
      query: { bool: { filter: [mine, hours, compileFilter(BAD_REPUTATION)] } },
    });
    const risky = await client.search({
      index: summaryIndex('risky_ips'),
      size: 0,
      query: { bool: { filter: [mine, hours], must_not: [{ exists: { field: 'summary_present' } }] } },
      aggs: { all: { filter: { match_all: {} } } },
    });
    expect(bad.count).toBeGreaterThan(0);
    expect((risky.aggregations?.all as { doc_count: number }).doc_count).toBe(bad.count);
  });

  it('risky IPs from summaries say "not available" exactly when the records do: clean addresses carry a reputation, addresses without one do not', async () => {
    const base = dataSet('summaries-reputation', 2000, `${PREFIX}rep-`);
    const clean = base.map((r) => ({
      ...r,
      access_device: {
        ...(r.access_device as Record<string, unknown>),
        ip_reputation: { is_malicious: false, is_vpn: false, is_tor: false },
      },
    }));
    const bare = base.map((r) => {
      const { ip_reputation: _gone, ...device } = r.access_device as Record<string, unknown>;
      return { ...r, customer_id: `${r.customer_id}-bare`, txid: `${r.txid}-bare`, access_device: device };
    });
    await load([...clean, ...bare], 'reputation');
    const risky = { ...builtinReport('risky-ips')!.definition, timeRange: WEEK } as ReportDefinition;
    for (const [who, unavailable] of [
      [clean[0]!.customer_id, false],
      [bare[0]!.customer_id, true],
    ] as const) {
      await catchUp(who);
      const api = customerApi(who, (es) => ({ summaries: (c) => readSummaryCoverage(es, c, STATE) }));
      const raw = customerApi(who);
      try {
        const [summarised, records] = await Promise.all([api.run(risky), raw.run(risky)]);
        expect(summarised.meta.source, who).toBe('summaries');
        expect(withoutTiming(summarised), who).toEqual(withoutTiming(records));
        expect(summarised.view === 'breakdown' && summarised.rows, who).toEqual([]);
        expect(summarised.view === 'breakdown' && summarised.notAvailable !== undefined, who).toBe(
          unavailable,
        );
      } finally {
        await Promise.all([api.close(), raw.close()]);
      }
    }
  }, 300_000);

  it('a late event in an hour already summarised is counted at once (the hour is read from the records until the summariser has it), then from summaries', async () => {
    const late = lateRecord(`${PREFIX}late-1`, customer, '2017-03-14T10:30:00Z', {
      result: 'fraud',
      reason: 'user_marked_fraud',
      factor: 'duo_push',
    });
    const byApp: ReportDefinition = {
      timeRange: WEEK,
      view: { type: 'breakdown', groupBy: 'application.name', top: 50 },
    };
    // Through both APIs: the one with summaries keeps the reach it read.
    const { raw: before } = await both(byApp);
    await load([late], 'late');

    // The reader's last answer still counts the late event's hour as summarised: the report starts
    // on it, and is answered on the fresh read, which reads that hour from the records.
    expect(reader.lastRead?.(customer)?.coverage?.through).toBeGreaterThan(
      Date.parse('2017-03-14T11:00:00Z'),
    );
    const { summarised: pending, raw } = await both(byApp);
    expect(withoutTiming(pending)).toEqual(withoutTiming(raw));
    expect(raw.view === 'breakdown' && raw.total).toBe(before.view === 'breakdown' && before.total + 1);
    expect(raw.view === 'breakdown' && raw.rows.some((r) => r.key === 'Late App')).toBe(true);

    await catchUp();
    const after = await both(byApp);
    expect(after.summarised.meta.source).toBe('summaries');
    expect(withoutTiming(after.summarised)).toEqual(withoutTiming(after.raw));
  });

  it("another customer's late event leaves this customer's reports on summaries; this customer's own goes back to its records until the summariser has it", async () => {
    await catchUp();
    const coverage = async () => (await readSummaryCoverage(client, customer, STATE))!.through;
    const through = await coverage();
    const lateOf = (who: string, ts: string) => lateRecord(`${who}-late-${ts}`, who, ts);
    await load([lateOf(`${PREFIX}elsewhere`, '2017-03-10T10:30:00Z')], 'elsewhere');
    expect(await coverage()).toBe(through);
    const byResult: ReportDefinition = { timeRange: WEEK, view: { type: 'breakdown', groupBy: 'result' } };
    const untouched = await both(byResult);
    expect(untouched.summarised.meta.source).toBe('summaries');
    expect(withoutTiming(untouched.summarised)).toEqual(withoutTiming(untouched.raw));

    await load([lateOf(customer, '2017-03-13T11:30:00Z')], 'late-own');
    expect(await coverage()).toBe(Date.parse('2017-03-13T11:00:00Z'));
    const pending = await both(byResult);
    expect(withoutTiming(pending.summarised)).toEqual(withoutTiming(pending.raw));
    await catchUp();
    expect(await coverage()).toBe(through);
  });

  it('late events on a day already summarised are counted again in that day of the daily users cube, which out of the ordinary reads', async () => {
    const day = { range: { ts: { gte: '2017-03-08T00:00:00Z', lt: '2017-03-09T00:00:00Z' } } };
    const mine = { term: { customer_id: customer } };
    const late = [1, 2, 3].map((i) =>
      lateRecord(`${PREFIX}late-day-${i}`, customer, `2017-03-08T1${i}:05:00Z`, {
        user: { name: 'late-daily-user' },
      }),
    );
    await load(late, 'late-day');
    await catchUp();
    await client.indices.refresh({ index: [summaryIndex('users_daily'), 'sightline-authlog'] });
    const records = await client.count({
      index: 'sightline-authlog',
      query: { bool: { filter: [mine, day] } },
    });
    const daily = await client.search({
      index: summaryIndex('users_daily'),
      size: 0,
      query: { bool: { filter: [mine, day] } },
      aggs: {
        all: { filter: { match_all: {} } },
        late: { filter: { term: { 'user.name': 'late-daily-user' } } },
      },
    });
    const count = (name: string) => (daily.aggregations?.[name] as { doc_count: number }).doc_count;
    expect(count('all')).toBe(records.count);
    expect(count('late')).toBe(3);
    const ordinary = builtinReport('out-of-the-ordinary')!;
    const { summarised, raw } = await both({ ...ordinary.definition, timeRange: WEEK } as ReportDefinition);
    expect(summarised.meta.source).toBe('summaries');
    expectSameNumbers(summarised, raw, 'out of the ordinary');
  });

  it("a report over the same hours a moment later is answered by the summaries' shards from their request cache", async () => {
    const requestCache = async () => {
      const stats = await client.indices.stats({ index: ALL_SUMMARY_INDICES, metric: 'request_cache' });
      const caches = Object.values(stats.indices ?? {}).map((i) => i.total?.request_cache);
      return {
        hits: caches.reduce((sum, c) => sum + (c?.hit_count ?? 0), 0),
        misses: caches.reduce((sum, c) => sum + (c?.miss_count ?? 0), 0),
      };
    };
    const moment = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    const reports: ReportDefinition[] = [
      { ...builtinReport('out-of-the-ordinary')!.definition, timeRange: DAY } as ReportDefinition,
      { timeRange: WEEK, view: { type: 'headline', compare: 'previous' } },
      { ...builtinReport('attempts-over-time')!.definition, timeRange: WEEK } as ReportDefinition,
    ];
    for (const report of reports) {
      const range = report.timeRange as { from: string; to: string };
      const at = (ms: number) => ({
        ...report,
        timeRange: { from: moment(range.from, ms), to: moment(range.to, ms) },
      });
      // A merge that Elasticsearch finishes in the background (after the writes of the tests before)
      // gives a shard a new reader, whose cache starts empty: a pair of runs it falls between is
      // tried again, a few milliseconds on. Each pair asks the summaries' shards the same search.
      let missed = 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        const first = await viaSummaries.run(at(2 * attempt));
        expect(first.meta.source).toBe('summaries');
        const before = await requestCache();
        // A millisecond on: the records at the edges are searched again.
        await viaSummaries.run(at(2 * attempt + 1));
        const after = await requestCache();
        missed = after.misses - before.misses;
        if (missed > 0) continue;
        expect(after.hits, report.view.type).toBeGreaterThan(before.hits);
        break;
      }
      expect(missed, report.view.type).toBe(0);
    }
  });

  it('replaying the same loads changes nothing: a recomputed hour overwrites its own documents', async () => {
    const count = async () => {
      await client.indices.refresh({ index: summaryIndex('users') });
      return (
        await client.count({ index: summaryIndex('users'), query: { term: { customer_id: customer } } })
      ).count;
    };
    const documents = await count();
    const headline: ReportDefinition = { timeRange: WEEK, view: { type: 'headline', compare: 'previous' } };
    const first = await viaSummaries.run(headline);
    // The same file again: every record is a repeat, its hours are recomputed.
    await load(dataSet('summaries', 20_000, PREFIX), 'replay');
    await catchUp();
    expect(await count()).toBe(documents);
    expect(withoutTiming(await viaSummaries.run(headline))).toEqual(withoutTiming(first));
  }, 120_000);

  it('a customer whose records came without a load-log entry is read from its records until the summariser first sees it, then all its history comes from summaries', async () => {
    const records = dataSet('summaries-quiet', 3000, `${PREFIX}quiet-`);
    const quiet = records[0]!.customer_id;
    await load(records, false);
    const api = customerApi(quiet, (es) => ({ summaries: (c) => readSummaryCoverage(es, c, STATE) }));
    const raw = customerApi(quiet);
    try {
      const byResult: ReportDefinition = { timeRange: WEEK, view: { type: 'breakdown', groupBy: 'result' } };
      const unseen = await api.run(byResult);
      expect(unseen.meta.source).toBe('records');
      expect(withoutTiming(unseen)).toEqual(withoutTiming(await raw.run(byResult)));
      // One new record, loaded as loads are: the summariser meets the customer and takes in all of it.
      await load([{ ...records[0]!, txid: `${quiet}-new`, ts: '2017-03-19T12:00:00Z' }], 'quiet');
      await catchUp(quiet);
      const seen = await api.run(byResult);
      expect(seen.meta.source).toBe('summaries');
      expect(withoutTiming(seen)).toEqual(withoutTiming(await raw.run(byResult)));
    } finally {
      await Promise.all([api.close(), raw.close()]);
    }
  }, 300_000);
});
