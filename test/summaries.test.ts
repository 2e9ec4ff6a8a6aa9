import type { Client } from '@elastic/elasticsearch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import { builtinReports, type ReportDefinition, type ReportResult } from '../packages/query-api/src/reports';
import {
  readSummaryCoverage,
  readSummaryState,
  SUMMARY_CUBES,
  SUMMARY_STATE_INDEX,
  summaryIndex,
  summaryIndexEnsurer,
  summarisePass,
  summaryStateEnsurer,
  writeSummaryState,
} from '../packages/query-api/src/summaries';
import { cleanTestMonth, esClient } from './ingest.support';
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

/** Absolute ranges that do not start or end on the hour: the records fill the partial hours. */
const WEEK = { from: '2017-03-12T09:17:00Z', to: '2017-03-19T16:43:00Z' };

/** One customer's generated attempts over the two weeks before END. */
function dataSet(seed: string, count: number, customerPrefix: string) {
  return [...generateRecords({ seed, count, days: 14, end: END, customers: 'single', customerPrefix })];
}

/** When the latest load started: its load-log entry is stamped after it. */
let loadedAt = 0;

async function load(records: Iterable<Record<string, unknown>>, stream: string | false): Promise<void> {
  loadedAt = Date.now();
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-summ-')), 'rejects.ndjson'));
  let line = 0;
  const items = (function* () {
    for (const value of records) yield { line: ++line, value };
  })();
  const summary = await ingest(client, {
    items,
    rejects,
    refresh: true,
    loadLog: stream === false ? false : { stream: `${STREAM}${stream}` },
  });
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

async function both(definition: ReportDefinition) {
  const [summarised, raw] = await Promise.all([viaSummaries.run(definition), viaRecords.run(definition)]);
  return { summarised, raw };
}

/** Every built-in report over WEEK, and the time zones and comparisons that take other paths. */
function definitions(): { name: string; definition: ReportDefinition; source: 'summaries' | 'records' }[] {
  const builtins = builtinReports().map((r) => ({
    name: r.id,
    definition: { ...r.definition, timeRange: WEEK } as ReportDefinition,
    source: (['geo', 'significant'].includes(r.definition.view.type) ||
    (r.definition.view.type === 'breakdown' && r.definition.view.groupBy === 'access_device.ip')
      ? 'records'
      : 'summaries') as 'summaries' | 'records',
  }));
  return [
    ...builtins,
    {
      name: 'headline, compared with the week before',
      definition: { timeRange: WEEK, view: { type: 'headline', compare: 'previous' } },
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

/** Removes this file's summary documents (there is no delete-by-query here: by id). */
async function deleteSummaries(es: Client): Promise<void> {
  for (const { name } of SUMMARY_CUBES) {
    const index = summaryIndex(name);
    await es.indices.refresh({ index, ignore_unavailable: true });
    for (;;) {
      const hits = await es.search(
        { index, size: 5000, _source: false, query: { prefix: { customer_id: PREFIX } } },
        { ignore: [404] },
      );
      const ids = (hits.hits?.hits ?? []).map((h) => h._id!);
      if (ids.length === 0) break;
      await es.bulk({ refresh: true, operations: ids.map((id) => ({ delete: { _index: index, _id: id } })) });
    }
  }
}

beforeAll(async () => {
  await cleanTestMonth(client, PREFIX, MONTH);
  await summaryIndexEnsurer(client)();
  await summaryStateEnsurer(client)();
  await deleteSummaries(client);
  // The summariser starts from now: what other files loaded before is not this file's business.
  await writeSummaryState(
    client,
    { watermark: Date.now(), through: 0, pending: [], customers: [], updatedAt: Date.now() },
    STATE,
  );
  const records = dataSet('summaries', 20_000, PREFIX);
  customer = records[0]!.customer_id;
  await load(records, 'base');
  await catchUp();
  // Coverage is read afresh for every report here, so that a load is seen as soon as it lands.
  viaSummaries = customerApi(customer, (es) => ({ summaries: (c) => readSummaryCoverage(es, c, STATE) }));
  viaRecords = customerApi(customer);
}, 240_000);

afterAll(async () => {
  await deleteSummaries(client);
  await client.delete({ index: SUMMARY_STATE_INDEX, id: STATE, refresh: true }, { ignore: [404] });
  await cleanTestMonth(client, PREFIX, MONTH);
  await Promise.all([viaSummaries?.close(), viaRecords?.close()]);
  await client.close();
});

describe('hourly summaries', () => {
  it('answer every built-in report they can with the same numbers as the records, and say which was used', async () => {
    for (const { name, definition, source } of definitions()) {
      const { summarised, raw } = await both(definition);
      expect(withoutTiming(summarised), name).toEqual(withoutTiming(raw));
      expect(summarised.meta.source, name).toBe(source);
      expect(raw.meta.source, name).toBe('records');
    }
  });

  it('count, together, exactly the records of the hours they summarise', async () => {
    const hours = { range: { ts: { gte: '2017-03-06T00:00:00Z', lt: '2017-03-20T00:00:00Z' } } };
    const mine = { term: { customer_id: customer } };
    await client.indices.refresh({ index: [summaryIndex('dimensions'), summaryIndex('users')] });
    const records = await client.count({
      index: 'sightline-authlog',
      query: { bool: { filter: [mine, hours] } },
    });
    for (const cube of ['dimensions', 'users'] as const) {
      // A bucket counts a summary document as its _doc_count: the records it stands for.
      const weighted = await client.search({
        index: summaryIndex(cube),
        size: 0,
        query: { bool: { filter: [mine, hours] } },
        aggs: { all: { filter: { match_all: {} } } },
      });
      expect((weighted.aggregations?.all as { doc_count: number }).doc_count, cube).toBe(records.count);
    }
  });

  it('a late event in an hour already summarised is counted at once (the hour is read from the records until the summariser has it), then from summaries', async () => {
    const late = {
      txid: `${PREFIX}late-1`,
      customer_id: customer,
      ts: '2017-03-14T10:30:00Z',
      event_type: 'authentication',
      result: 'fraud',
      reason: 'user_marked_fraud',
      factor: 'duo_push',
      user: { name: 'late-user' },
      application: { name: 'Late App' },
      access_device: { ip: '198.51.100.7', location: { country: 'Iceland', country_code: 'IS' } },
    };
    const byApp: ReportDefinition = {
      timeRange: WEEK,
      view: { type: 'breakdown', groupBy: 'application.name', top: 50 },
    };
    const before = await viaRecords.run(byApp);
    await load([late], 'late');

    const { summarised: pending, raw } = await both(byApp);
    expect(withoutTiming(pending)).toEqual(withoutTiming(raw));
    expect(raw.view === 'breakdown' && raw.total).toBe(before.view === 'breakdown' && before.total + 1);
    expect(raw.view === 'breakdown' && raw.rows.some((r) => r.key === 'Late App')).toBe(true);

    await catchUp();
    const after = await both(byApp);
    expect(after.summarised.meta.source).toBe('summaries');
    expect(withoutTiming(after.summarised)).toEqual(withoutTiming(after.raw));
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
  }, 120_000);
});
