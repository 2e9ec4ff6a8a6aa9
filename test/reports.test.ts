import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import {
  builtinReports,
  type FilterNode,
  reportDefinitionSchema,
  type ReportResult,
} from '@sightline/schema/reports';
import type { AuthLogRecord } from '@sightline/schema';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { jlhScore } from '../packages/query-api/src/reports/views/significant';
import { deleteCustomers, esClient } from './ingest.support';
import { inWindow, ingestGenerated, keysOf, topCounts } from './reports.support';

const PREFIX = 'itrep-';
const CUSTOMER = `${PREFIX}acme`;
const END = new Date('2026-10-20T12:00:00.000Z');
const DAY = 86_400_000;
let records: AuthLogRecord[] = [];
const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
const app = createApp({
  es,
  tokens: createTokenStore([{ name: 't', sha256: hashToken('tok'), customer: CUSTOMER, admin: false }]),
  now: () => END,
});

async function run(id: string): Promise<ReportResult> {
  const res = await app.request(`/api/reports/${id}/run`, { headers: { Authorization: 'Bearer tok' } });
  expect(res.status).toBe(200);
  return (await res.json()) as ReportResult;
}

function scope(id: string) {
  const report = builtinReports().find((r) => r.id === id)!;
  const def = reportDefinitionSchema.parse(report.definition);
  const span = 'last' in def.timeRange && def.timeRange.last === '24h' ? DAY : 7 * DAY;
  const to = END.getTime();
  return { def, from: to - span, to, rows: inWindow(records, CUSTOMER, to - span, to, def.filters) };
}

beforeAll(async () => {
  process.env.ES_URL ??= 'http://127.0.0.1:9200';
  const admin = esClient();
  await deleteCustomers(admin, PREFIX);
  await admin.close();
  records = await ingestGenerated({
    seed: 'reports-oracle',
    count: 8000,
    days: 40,
    end: END,
    customers: 'default',
    customerPrefix: PREFIX,
  });
});
afterAll(() => es.close());

describe('built-in reports match an independent count over the records', () => {
  const breakdowns = [
    'auth-summary',
    'failures-by-reason',
    'factors',
    'top-applications',
    'top-users-with-failures',
    'risky-ips',
  ];
  it.each(breakdowns)('%s', async (id) => {
    const { def, rows } = scope(id);
    if (def.view.type !== 'breakdown') throw new Error('not a breakdown');
    expect(rows.length).toBeGreaterThan(0);
    const expected = topCounts(rows, def.view.groupBy, def.view.top);
    const result = await run(id);
    if (result.view !== 'breakdown') throw new Error('not a breakdown');
    expect(result.total).toBe(expected.total);
    const top = result.rows.filter((r) => !r.isOther).map((r) => [r.key, r.value]);
    expect(top).toEqual(expected.rows);
    const other = result.rows.find((r) => r.isOther)?.value ?? 0;
    expect(other).toBe(def.view.other === false ? 0 : expected.other);
  });

  it.each(['attempts-over-time', 'enrollments-over-time'])('%s', async (id) => {
    const { def, rows, from } = scope(id);
    if (def.view.type !== 'timeseries') throw new Error('not a timeseries');
    const result = await run(id);
    if (result.view !== 'timeseries') throw new Error('not a timeseries');
    expect(result.interval).toBe('1h');
    const HOUR = 3_600_000;
    const stack = def.view.stackBy;
    const series = stack ? topCounts(rows, stack, def.view.top).rows.map(([k]) => k) : ['count'];
    expect(result.series.filter((s) => s !== 'Other')).toEqual(series);
    // Every hour of the window is present, empty ones as zeros.
    expect(result.rows[0]!.t).toBe(Math.floor(from / HOUR) * HOUR);
    expect(result.rows).toHaveLength(7 * 24);
    const expected = new Map<number, Record<string, number>>();
    for (const r of rows) {
      const t = Math.floor(Date.parse(r.ts) / HOUR) * HOUR;
      const values = expected.get(t) ?? {};
      const name = stack ? keysOf(r, stack)[0]! : 'count';
      values[name] = (values[name] ?? 0) + 1;
      expected.set(t, values);
    }
    for (const row of result.rows) {
      const want = expected.get(row.t) ?? {};
      for (const s of series)
        expect(row.values[s], `${s} at ${new Date(row.t).toISOString()}`).toBe(want[s] ?? 0);
    }
    expect(result.rows.reduce((sum, r) => sum + Object.values(r.values).reduce((a, b) => a + b, 0), 0)).toBe(
      rows.length,
    );
  });

  it('attempts-by-country', async () => {
    const { rows } = scope('attempts-by-country');
    const result = await run('attempts-by-country');
    if (result.view !== 'geo') throw new Error('not geo');
    const place = (r: AuthLogRecord) => r.access_device?.location;
    // Countries the map cannot place are counted apart: named but unknown, and not recorded at all.
    const unknown = rows.filter((r) => place(r)?.country != null && place(r)?.country_code == null).length;
    const none = rows.filter((r) => place(r)?.country == null && place(r)?.country_code == null).length;
    const expected = [
      ...topCounts(rows, 'access_device.location.country_code', 1000).rows,
      ...(unknown > 0 ? [['__unknown__', unknown]] : []),
      ...(none > 0 ? [['__none__', none]] : []),
    ];
    expect(result.rows.map((r) => [r.key, r.value])).toEqual(expected);
    for (const row of result.rows.filter((r) => !r.key.startsWith('__'))) {
      const names = new Set(
        rows
          .filter((r) => r.access_device?.location?.country_code === row.key)
          .map((r) => r.access_device!.location!.country),
      );
      expect(names.has(row.label ?? null)).toBe(true);
    }
    expect(result.rows.some((r) => r.lat !== undefined && r.lon !== undefined)).toBe(true);
  });

  it('out-of-the-ordinary compares each term in the period with the 30 days before it, never with itself', async () => {
    const { def, from, to } = scope('out-of-the-ordinary');
    const result = await run('out-of-the-ordinary');
    if (result.view !== 'significant') throw new Error('not significant');
    const filters = def.filters as FilterNode | undefined;
    const period = inWindow(records, CUSTOMER, from, to, filters);
    const background = inWindow(records, CUSTOMER, from - 30 * DAY, from, filters);
    for (const row of result.rows) {
      const count = period.filter((r) => keysOf(r, row.field).includes(row.key)).length;
      const bgCount = background.filter((r) => keysOf(r, row.field).includes(row.key)).length;
      expect([row.count, row.backgroundCount]).toEqual([count, bgCount]);
      expect(row.rate).toBeCloseTo(count / period.length, 12);
      expect(row.backgroundRate).toBeCloseTo(bgCount / background.length, 12);
      expect(row.lift).toBeGreaterThanOrEqual(1.5);
      expect(row.score).toBeCloseTo(jlhScore(count, period.length, bgCount, background.length), 12);
    }
    expect([...result.rows].sort((a, b) => b.score - a.score)).toEqual(result.rows);
  });

  it('covers every built-in report', () => {
    const tested = [
      'auth-summary',
      'failures-by-reason',
      'factors',
      'top-applications',
      'top-users-with-failures',
      'risky-ips',
      'attempts-over-time',
      'enrollments-over-time',
      'attempts-by-country',
      'out-of-the-ordinary',
    ];
    expect(
      builtinReports()
        .map((r) => r.id)
        .sort(),
    ).toEqual(tested.sort());
  });
});
