import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import {
  builtinReports,
  type FilterNode,
  METRICS,
  type ReportDefinition,
  type ReportResult,
} from '@sightline/schema/reports';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { cleanTestMonth, countCustomers, esClient } from './ingest.support';
import { ingestRaw } from './records.support';
import { COUNTRY_CODES, CUSTOMER, MONTHS, NOW, oracleData, PREFIX, TWINS } from './reports-oracle.data';
import {
  bucketOf,
  expectedBreakdown,
  expectedCountries,
  expectedSeries,
  expectedTiles,
  expectedUnusual,
  matches,
  startsBucket,
  type OracleInterval,
  type OracleMetric,
  type Raw,
  valuesOf,
} from './reports-oracle.support';

/**
 * Every built-in report, and breakdowns, series and maps with each metric, in UTC, India (+5:30) and
 * two zones with a DST change in the data, against counts made in JS from the records as they were
 * sent (see reports-oracle.data.ts for what the data set holds and why).
 */
const ZONES = ['UTC', 'Asia/Kolkata', 'Europe/Berlin', 'America/New_York'] as const;
const ORACLE_METRICS: readonly OracleMetric[] = ['count', 'distinct_users', 'distinct_ips', 'failure_rate'];
/** Not aligned to any zone's hours: both ends cut a bucket. Spans the month's end and both DST changes. */
const RANGE = { from: '2016-10-20T12:30:00+05:30', to: '2016-11-08T13:45:00Z' };
const MULTI_VALUED = new Set(['user.groups']);
const DAY = 86_400_000;

const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
const app = createApp({
  es,
  tokens: createTokenStore([{ name: 't', sha256: hashToken('tok'), customer: CUSTOMER, admin: false }]),
  now: () => NOW,
});
const auth = { Authorization: 'Bearer tok' };

async function answer(res: Response): Promise<ReportResult> {
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as ReportResult;
}
const run = async (definition: ReportDefinition) =>
  answer(
    await app.request('/api/reports/run', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(definition),
    }),
  );
const runBuiltin = async (id: string, zone: string) =>
  answer(await app.request(`/api/reports/${id}/run?tz=${encodeURIComponent(zone)}`, { headers: auth }));

/** The customer's records as sent, each txid once (a record sent twice is the same record). */
let records: Raw[] = [];
let sentTwice = 0;

function within(from: number, to: number, filters?: FilterNode): Raw[] {
  return records.filter((r) => {
    const t = Date.parse(String(r.ts));
    return t >= from && t < to && (!filters || matches(r, filters, COUNTRY_CODES));
  });
}

const read = (r: Raw, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Raw)[k] : undefined), r);

/** Rates compared to 12 places: the API divides the same integers, perhaps in another order. */
const round = (v: number) => Math.round(v * 1e12) / 1e12;
const pairs = (rows: { key: string; value: number }[]) =>
  rows.map((r): [string, number] => [r.key, round(r.value)]);
const roundAll = (rows: [string, number][]) => rows.map(([k, v]): [string, number] => [k, round(v)]);

beforeAll(async () => {
  const client = esClient();
  for (const month of MONTHS) await cleanTestMonth(client, PREFIX, month);
  await client.close();
  const { first, again } = oracleData();
  await ingestRaw(first);
  await ingestRaw(again);
  const unique = new Map<string, Raw>();
  for (const r of [...first, ...again]) {
    const seen = unique.get(String(r.txid));
    if (seen) expect(r, 'a record sent twice is the same record').toEqual(seen);
    unique.set(String(r.txid), r);
  }
  sentTwice = first.length + again.length - unique.size;
  records = [...unique.values()].filter((r) => r.customer_id === CUSTOMER);
}, 300_000);
afterAll(async () => {
  const client = esClient();
  for (const month of MONTHS) await cleanTestMonth(client, PREFIX, month);
  await client.close();
  await es.close();
});

describe('the data set', () => {
  it('is stored once per txid, however often it was sent, and the oracle covers every metric', async () => {
    expect(sentTwice).toBeGreaterThan(100);
    const client = esClient();
    const stored = await countCustomers(client, PREFIX);
    await client.close();
    const neighbours = new Set(
      oracleData()
        .first.filter((r) => r.customer_id !== CUSTOMER)
        .map((r) => r.txid),
    );
    expect(stored).toBe(records.length + neighbours.size);
    expect([...METRICS].sort()).toEqual([...ORACLE_METRICS].sort());
  });

  it('holds what the oracle is meant to check: both months, missing and several values, unknown countries', () => {
    const count = (field: string, test: (values: string[]) => boolean) =>
      records.filter((r) => test(valuesOf(r, field, COUNTRY_CODES))).length;
    expect(new Set(records.map((r) => String(r.ts).slice(0, 7)))).toEqual(new Set(MONTHS));
    expect(count('reason', (v) => v.length === 0)).toBeGreaterThan(50);
    expect(count('user.groups', (v) => v.length === 0)).toBeGreaterThan(50);
    expect(count('user.groups', (v) => v.length > 1)).toBeGreaterThan(50);
    expect(count('access_device.location.country_code', (v) => v.length === 0)).toBeGreaterThan(50);
    expect(
      records.filter((r) => read(r, 'access_device.location.country') === 'Atlantis').length,
    ).toBeGreaterThan(10);
  });
});

// ---- built-in reports, each in each zone, over their own windows ending at NOW

/** A built-in report's window, from its definition's relative span. */
function windowOf(last: string): { from: number; to: number } {
  const match = /^(\d+)([hd])$/.exec(last);
  if (!match) throw new Error(`the oracle reads spans in hours or days, not ${last}`);
  const span = Number(match[1]) * (match[2] === 'd' ? DAY : 3_600_000);
  return { from: NOW.getTime() - span, to: NOW.getTime() };
}

/** Which interval 'auto' takes: the finest of at most 200 buckets (the README's rule). */
function autoInterval(span: number): OracleInterval {
  if (span / 3_600_000 + 1 <= 200) return '1h';
  if (span / (3 * 3_600_000) + 1 <= 200) return '3h';
  return '1d';
}

const builtinCases = ZONES.flatMap((zone) => builtinReports().map((r) => [r.id, zone] as const));

describe('every built-in report equals the records’ own count', () => {
  it.each(builtinCases)('%s in %s', async (id, zone) => {
    const report = builtinReports().find((r) => r.id === id)!;
    const def = report.definition;
    if (!('last' in def.timeRange)) throw new Error('built-in reports look back from now');
    const { from, to } = windowOf(def.timeRange.last);
    const inWindow = within(from, to, def.filters);
    expect(inWindow.length, 'the window holds records to count').toBeGreaterThan(0);
    const result = await runBuiltin(id, zone);
    expect(result.meta.timeZone).toBe(zone);
    const view = def.view;
    switch (view.type) {
      case 'breakdown': {
        if (result.view !== 'breakdown') throw new Error(`${id} is not a breakdown`);
        const want = expectedBreakdown(
          inWindow,
          {
            groupBy: view.groupBy,
            metric: view.metric ?? 'count',
            top: view.top ?? 10,
            ...(view.other !== undefined ? { other: view.other } : {}),
            multiValued: MULTI_VALUED.has(view.groupBy),
          },
          COUNTRY_CODES,
        );
        expect(pairs(result.rows)).toEqual(roundAll(want.rows));
        expect(round(result.total)).toBe(round(want.total));
        expect(result.notAvailable).toBeUndefined();
        return;
      }
      case 'timeseries': {
        if (result.view !== 'timeseries') throw new Error(`${id} is not a time series`);
        const interval =
          view.interval === 'auto' || view.interval === undefined ? autoInterval(to - from) : view.interval;
        expectSeries(result, inWindow, {
          metric: view.metric ?? 'count',
          top: view.top ?? 10,
          ...(view.stackBy ? { stackBy: view.stackBy } : {}),
          range: { from, to, zone, interval: interval as OracleInterval },
        });
        return;
      }
      case 'geo': {
        if (result.view !== 'geo') throw new Error(`${id} is not a map`);
        expectCountries(result, inWindow, view.metric ?? 'count');
        return;
      }
      case 'significant': {
        if (result.view !== 'significant') throw new Error(`${id} is not out of the ordinary`);
        const background = within(from - 30 * DAY, from, def.filters);
        const fields = view.fields ?? [
          'access_device.location.country',
          'application.name',
          'reason',
          'user.name',
        ];
        const want = expectedUnusual(inWindow, background, fields, view.size ?? 10, COUNTRY_CODES);
        expect(want.length, 'the burst is out of the ordinary').toBeGreaterThan(0);
        const shape = (rows: typeof want) =>
          rows.map((r) => ({
            field: r.field,
            key: r.key,
            count: r.count,
            backgroundCount: r.backgroundCount,
            rate: round(r.rate),
            backgroundRate: round(r.backgroundRate),
            lift: round(r.lift),
            score: round(r.score),
          }));
        expect(shape(result.rows)).toEqual(shape(want));
        return;
      }
      default:
        throw new Error(`the oracle has no count for a ${view.type} report (${id})`);
    }
  });
});

// ---- views a user builds, with each metric, in each zone, over a range across the month's end

const from = Date.parse(RANGE.from);
const to = Date.parse(RANGE.to);
const ranged = (zone: string) => ({ ...RANGE, timeZone: zone });

function expectSeries(
  result: Extract<ReportResult, { view: 'timeseries' }>,
  inWindow: Raw[],
  spec: {
    metric: OracleMetric;
    top: number;
    stackBy?: string;
    range: { from: number; to: number; zone: string; interval: OracleInterval };
  },
) {
  const { zone, interval } = spec.range;
  expect(result.interval).toBe(interval);
  const want = expectedSeries(
    inWindow,
    {
      metric: spec.metric,
      top: spec.top,
      ...(spec.stackBy ? { stackBy: spec.stackBy } : {}),
      multiValued: spec.stackBy !== undefined && MULTI_VALUED.has(spec.stackBy),
    },
    spec.range,
    COUNTRY_CODES,
  );
  expect(result.series).toEqual(want.series);
  const starts = result.rows
    .filter((r) => !startsBucket(r.t, zone, interval))
    .map((r) => new Date(r.t).toISOString());
  expect(starts, `buckets that do not start on ${zone}'s clock`).toEqual([]);
  const rounded = (values: Record<string, number>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v)]));
  expect(result.rows.map((r) => [bucketOf(r.t, zone, interval), rounded(r.values)])).toEqual(
    want.rows.map(([b, v]) => [b, rounded(v)]),
  );
}

function expectCountries(
  result: Extract<ReportResult, { view: 'geo' }>,
  inWindow: Raw[],
  metric: OracleMetric,
) {
  const want = expectedCountries(inWindow, metric, COUNTRY_CODES);
  expect(pairs(result.rows)).toEqual(roundAll(want.rows));
  for (const row of result.rows)
    if (!row.key.startsWith('__')) expect([row.key, row.label]).toEqual([row.key, want.labels.get(row.key)]);
}

const BREAKDOWNS: [field: string, top: number][] = [
  ['user.name', 10],
  ['application.name', 5],
  ['reason', 3],
  ['user.groups', 2],
  ['access_device.ip', 5],
];
const breakdownCases = ZONES.flatMap((zone) =>
  ORACLE_METRICS.flatMap((metric) => BREAKDOWNS.map(([field, top]) => [field, top, metric, zone] as const)),
);

describe('breakdowns equal the records’ own count', () => {
  it.each(breakdownCases)('by %s (top %i) with %s in %s', async (field, top, metric, zone) => {
    const result = await run({
      timeRange: ranged(zone),
      view: { type: 'breakdown', groupBy: field as 'user.name', top, metric },
    });
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    const want = expectedBreakdown(
      within(from, to),
      { groupBy: field, metric, top, multiValued: MULTI_VALUED.has(field) },
      COUNTRY_CODES,
    );
    expect(pairs(result.rows)).toEqual(roundAll(want.rows));
    expect(round(result.total)).toBe(round(want.total));
  });

  it('shows the twins in Elasticsearch’s order of their names, code point by code point', async () => {
    const result = await run({
      timeRange: ranged('UTC'),
      view: { type: 'breakdown', groupBy: 'user.name', top: 100 },
    });
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    const twins = result.rows.filter((r) => (TWINS as readonly string[]).includes(r.key));
    expect(twins.map((r) => r.key)).toEqual(['ﬀ Ligature', '🦊 Fox']);
    expect(twins[0]!.value).toBe(twins[1]!.value);
  });
});

const SERIES: [stackBy: string | undefined, top: number, interval: 'auto' | OracleInterval][] = [
  [undefined, 10, '1h'],
  [undefined, 10, 'auto'],
  [undefined, 10, '1d'],
  [undefined, 10, '1w'],
  [undefined, 10, '1M'],
  ['reason', 3, '1d'],
  ['reason', 3, 'auto'],
  ['user.groups', 2, '1d'],
  ['user.groups', 2, 'auto'],
  ['user.name', 3, '1d'],
  ['user.name', 3, 'auto'],
];
const seriesCases = ZONES.flatMap((zone) =>
  ORACLE_METRICS.flatMap((metric) =>
    SERIES.map(([stackBy, top, interval]) => [stackBy ?? 'nothing', interval, metric, zone, top] as const),
  ),
);

describe('time series equal the records’ own count, bucket by bucket on the zone’s clock', () => {
  it.each(seriesCases)('stacked by %s, %s buckets, %s in %s', async (stack, interval, metric, zone, top) => {
    const stackBy = stack === 'nothing' ? undefined : stack;
    const result = await run({
      timeRange: ranged(zone),
      view: {
        type: 'timeseries',
        interval,
        metric,
        top,
        ...(stackBy ? { stackBy: stackBy as 'reason' } : {}),
      },
    });
    if (result.view !== 'timeseries') throw new Error('not a time series');
    expectSeries(result, within(from, to), {
      metric,
      top,
      ...(stackBy ? { stackBy } : {}),
      range: { from, to, zone, interval: interval === 'auto' ? autoInterval(to - from) : interval },
    });
  });
});

const geoCases = ZONES.flatMap((zone) => ORACLE_METRICS.map((metric) => [metric, zone] as const));

describe('maps equal the records’ own count', () => {
  it.each(geoCases)('by country with %s in %s: every country, Unknown and None', async (metric, zone) => {
    const result = await run({ timeRange: ranged(zone), view: { type: 'geo', mode: 'country', metric } });
    if (result.view !== 'geo') throw new Error('not a map');
    expectCountries(result, within(from, to), metric);
  });

  it.each(geoCases)('by grid with %s in %s', async (metric, zone) => {
    const result = await run({
      timeRange: ranged(zone),
      view: { type: 'geo', mode: 'grid', precision: 3, metric },
    });
    if (result.view !== 'geo') throw new Error('not a map');
    const got = new Map(result.rows.map((r) => [r.key, round(r.value)]));
    const want = new Map([...expectedTiles(within(from, to), metric, 3)].map(([k, v]) => [k, round(v)]));
    expect(got).toEqual(want);
  });
});
