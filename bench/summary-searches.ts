/**
 * Reports from summaries, each pass in the shape the API sends and in the shapes it is measured
 * against, `npm run bench -- summary-searches [--size 50m] [--runs N]`.
 *
 * Interleaved, on a customer of the scale benchmark (`npm run bench -- scale` generates and marks
 * it) with about 200 live records a second arriving for it and the summariser running, over 7 days
 * ending at the data set's end, moved by a second every run (the records' shards answer afresh):
 * - A ranking in one search over the summaries and the edge records, or two side by side (what the
 *   API sends): in one, a terms aggregation builds each records shard's global ordinals, which
 *   Elasticsearch rebuilds after every refresh (every second for the current month while data
 *   arrives); apart, the records' side looks addresses up per record (see executionHint in
 *   packages/query-api/src/reports/views/ranking.ts). The risky-IPs ranking and out of the
 *   ordinary's.
 * - Out of the ordinary's counting pass (one search: two side by side measured no faster), and the
 *   overview's headline figures: the periods they count told apart on the hour for summaries (what
 *   the API sends, see tsWithin in packages/query-api/src/summaries/plan.ts), or by their exact
 *   instants. On the hour, a summaries shard is asked the same search for every range within the
 *   same hours and answers it from its request cache until the summariser next writes there; the
 *   records' shards refresh every second as data arrives and answer afresh either way.
 * - Out of the ordinary's counting pass reading every document of the users cubes (what the API
 *   sends), or only those of the candidate users (a terms query on their names: at 10M it leaves 45%
 *   of the users cubes' documents, but costs more than it saves).
 * - The first page of a log: its total counted from summaries beside the search for its rows (what
 *   the API sends), or counted by that search over the records.
 * - The headline figures each from the smallest cube holding its field, distinct users by day over
 *   whole days (what the API sends), or all of them from the users cube by the hour, as before.
 * Wall time from the client, searches side by side counted until all have answered. Writes
 * bench/results/summary-searches.json and .md (at another size than 50m, summary-searches-<size>.*).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  builtinReport,
  reportDefinitionSchema,
  type ReportDefinition,
  type HeadlineView,
  type SignificantView,
} from '@sightline/schema/reports';
import {
  compile,
  narrow,
  probeSearches,
  type EsSearchResponse,
  type Search,
} from '../packages/query-api/src/reports';
import {
  compileHeadline,
  headlineBoundaries,
  previousRange,
} from '../packages/query-api/src/reports/views/headline';
import { backgroundWindow } from '../packages/query-api/src/reports/views/significant';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { createEsClient, randomCursorKey } from '../packages/query-api/src/server';
import {
  clippedTo,
  planMultiCube,
  planSummaries,
  readSummaryCoverage,
  summaryIndex,
  summaryScopedQuery,
  tsWithin,
} from '../packages/query-api/src/summaries';
import { overviewReports } from '../apps/dashboard/src/overview/overviewReports';
import { scaleDataSet } from './data';
import { arg } from './support/cli';
import { startLiveIngest, startSummariser } from './live';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const SIZE = arg('--size') ?? '50m';
const RUNS = Number(arg('--runs') ?? 30);
const WARMUP = 3;
const SPAN_MS = 7 * 86_400_000;

const es = createEsClient(ES_URL, { requestTimeoutMs: 120_000 });
const cursors = randomCursorKey();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

const { customer, end } = await scaleDataSet(es, SIZE, 'summary-searches');

const send = async (search: Search) =>
  (await es.search({ index: search.index, ...search.body })) as unknown as EsSearchResponse;
/** Wall time until every search has answered, sent side by side. */
async function timed(searches: readonly Search[]): Promise<number> {
  const t = performance.now();
  await Promise.all(searches.map(send));
  return performance.now() - t;
}

/**
 * One run's searches for each pass measured: each way by its name, the first what the API sends.
 */
type Pass = Record<string, Search[]>;
const SENT = 0;

/** A new second every run, as data arriving continuously would: the records' shards answer afresh. */
let shift = 0;
async function compiled(definition: ReportDefinition) {
  shift += 1000;
  const to = end - shift;
  const normalized = reportDefinitionSchema.parse({
    ...definition,
    timeRange: { from: new Date(to - SPAN_MS).toISOString(), to: new Date(to).toISOString() },
  });
  const coverage = await readSummaryCoverage(es, customer);
  if (!coverage) throw new Error(`${customer} is not summarised yet: run the scale benchmark first`);
  return {
    definition: normalized,
    coverage,
    request: compile(normalized, customer, new Date(), { cursors, summaries: coverage }),
  };
}
const catalog = (id: string) => builtinReport(id)!.definition as ReportDefinition;

async function riskyPasses(): Promise<Record<string, Pass>> {
  const { request } = await compiled(catalog('risky-ips'));
  const [summaries, records] = probeSearches(request);
  if (!summaries || !records) throw new Error('the risky-IPs ranking was not split: no partial hour?');
  const query = (request.plan as { query: unknown }).query;
  return {
    'risky IPs, ranking': {
      'two side by side': [summaries, records],
      'one search over both': [
        { index: request.index, body: { ...summaries.body, query } as Search['body'] },
      ],
    },
  };
}

async function ordinaryPasses(): Promise<Record<string, Pass>> {
  const { definition, coverage, request } = await compiled(catalog('out-of-the-ordinary'));
  const [summaries, records] = probeSearches(request);
  if (!summaries || !records) throw new Error('out of the ordinary was not split: no partial hour?');
  const view = definition.view as SignificantView;
  const range = request.range;
  const multi = planMultiCube(
    view.fields,
    definition.filters,
    [backgroundWindow(range).from, range.from, range.to],
    coverage,
    READ_ALIAS,
  );
  if (!multi) throw new Error('out of the ordinary does not read summaries');
  const [rank, recordsRank] = await Promise.all([send(summaries), send(records)]);
  const counting = narrow(request, rank, [recordsRank]);
  const users = counting.plan.view === 'significant' ? counting.plan.keys?.[3] : undefined;
  if (view.fields[3] !== 'user.name' || !users?.length)
    throw new Error('out of the ordinary counts no candidate users fourth');
  // The ranking as one search: the period's hours from both sides (the plan's ranking query is the
  // summaries' side alone), so the same body over the records and summaries together.
  const scoped = (windows: Parameters<typeof summaryScopedQuery>[1]) =>
    summaryScopedQuery(customer, windows, definition.filters);
  const periodQuery = scoped(clippedTo(multi, range));
  return {
    'out of the ordinary, ranking': {
      'two side by side': [summaries, records],
      'one search over both': [
        { index: multi.index, body: { ...summaries.body, query: periodQuery } as Search['body'] },
      ],
    },
    'out of the ordinary, counting': {
      'the period on the hour for summaries': [{ index: counting.index, body: counting.body }],
      'the same, the users cubes read for the candidate users only': [
        { index: counting.index, body: candidatesOnly(counting.body, users) },
      ],
      'the exact period for all': [
        { index: counting.index, body: exactPeriods(counting.body, [request.range]) },
      ],
    },
  };
}

/**
 * The counting pass with the users cubes' documents of users not among the candidates left out: the
 * aggregation counts only the candidates, so the others are read for nothing.
 */
function candidatesOnly(body: Search['body'], users: readonly string[]): Search['body'] {
  const others = {
    bool: {
      filter: [
        { terms: { _index: [summaryIndex('users'), summaryIndex('users_daily')] } },
        { bool: { must_not: [{ terms: { 'user.name': [...users] } }] } },
      ],
    },
  };
  return { ...body, query: { bool: { filter: [body.query!], must_not: [others] } } };
}

/** The overview's headline figures as the dashboard asks for them. */
async function headlinePasses(): Promise<Record<string, Pass>> {
  const { definition, coverage, request } = await compiled(
    overviewReports({ timeRange: { last: '7d' } }).headline,
  );
  const view = definition.view as HeadlineView;
  // As the API read it before: every figure from the one cube holding both distinct fields.
  const split = planSummaries(
    ['user.name', 'access_device.location.country_code'],
    definition.filters,
    headlineBoundaries(view, request.range),
    coverage,
    READ_ALIAS,
  );
  if (!split || request.source !== 'summaries') throw new Error('the headline does not read summaries');
  const ctx = { tenant: customer, range: request.range };
  const query = summaryScopedQuery(customer, split, definition.filters);
  const periods = [previousRange(request.range), request.range];
  return {
    'overview headline': {
      'a cube per figure, users by day, periods on the hour for summaries': [
        { index: request.index, body: request.body },
      ],
      'a cube per figure, users by day, exact periods': [
        { index: request.index, body: exactPeriods(request.body, periods) },
      ],
      'the users cube by the hour, exact periods': [
        { index: split.index, body: compileHeadline(view, { ...ctx, query }) },
      ],
    },
  };
}

/** The overview's latest failures: the first page of a log, its rows from the records. */
async function logPasses(): Promise<Record<string, Pass>> {
  const { request } = await compiled(overviewReports({ timeRange: { last: '7d' } }).latestFailures);
  const [rows, count] = probeSearches(request);
  if (!rows || !count) throw new Error("the log's total is not counted from summaries");
  return {
    "latest failures, the log's first page": {
      'rows, and the total from summaries side by side': [rows, count],
      'rows and the total counted from the records': [
        { index: rows.index, body: { ...rows.body, track_total_hits: true } },
      ],
    },
  };
}

/**
 * `body` with each of `windows` told apart by its exact instants for summaries too, as the API did
 * before tsWithin: the summaries' shards then see a new search for every range.
 */
function exactPeriods(
  body: Search['body'],
  windows: readonly { from: number; to: number }[],
): Search['body'] {
  let json = JSON.stringify(body);
  for (const w of windows)
    json = json
      .split(JSON.stringify(tsWithin(w, true)))
      .join(JSON.stringify({ range: { ts: { gte: w.from, lt: w.to, format: 'epoch_millis' } } }));
  if (json === JSON.stringify(body)) throw new Error('exactPeriods: the body names no period by tsWithin');
  return JSON.parse(json) as Search['body'];
}

/** The windows of a split clipped to the period (the ranking counts the period alone). */
const summariser = startSummariser(es);
const live = startLiveIngest(es, {
  seed: `summary-searches-${SIZE}`,
  customerPrefix: customer.replace(/acme$/, ''),
  ratePerSecond: 200,
  stream: `bench-summary-searches/live-${SIZE}`,
});
const loadBefore = loadavg()[0]!.toFixed(1);
const liveStarted = performance.now();
const times: Record<string, Record<string, number[]>> = {};
for (let run = -WARMUP; run < RUNS; run++) {
  const passes = {
    ...(await riskyPasses()),
    ...(await ordinaryPasses()),
    ...(await headlinePasses()),
    ...(await logPasses()),
  };
  for (const [name, pass] of Object.entries(passes)) {
    // Interleaved, the order turned every run: each way as often in each place.
    const ways = Object.keys(pass);
    const turn = ((run % ways.length) + ways.length) % ways.length;
    for (const way of [...ways.slice(turn), ...ways.slice(0, turn)]) {
      const ms = await timed(pass[way]!);
      if (run >= 0) ((times[name] ??= Object.fromEntries(ways.map((w) => [w, []])))[way] ??= []).push(ms);
    }
  }
}
const liveWritten = await live.stop();
const liveSeconds = (performance.now() - liveStarted) / 1000;
await summariser.stop();
await es.close();

const rows = Object.entries(times).flatMap(([pass, ways]) =>
  Object.entries(ways).map(([way, ms], i) => ({
    pass,
    way,
    sent: i === SENT,
    p50: pct(ms, 50),
    p95: pct(ms, 95),
  })),
);
const result = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  customer,
  runs: RUNS,
  liveRecords: liveWritten,
  liveSeconds: Math.round(liveSeconds),
  loadAverage: { before: Number(loadBefore), after: Number(loadavg()[0]!.toFixed(1)) },
  rows,
};
const here = new URL('./results/', import.meta.url);
const name = SIZE === '50m' ? 'summary-searches' : `summary-searches-${SIZE}`;
writeFileSync(new URL(`${name}.json`, here), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  new URL(`${name}.md`, here),
  [
    '# Reports from summaries: the searches the API sends, and the others measured against them',
    '',
    `${result.date}; single-node Elasticsearch on the ${result.cpus}-core machine; \`${customer}\` (the scale benchmark's ${SIZE} data set), each report over 7 days ending at the data set's end, moved by a second every run; ${RUNS} runs after ${WARMUP} warm-up runs, the ways interleaved; ${liveWritten.toLocaleString('en')} live records written for the customer meanwhile (${Math.round(liveWritten / liveSeconds)} a second), the summariser running; load average ${result.loadAverage.before} before, ${result.loadAverage.after} after.`,
    '',
    'Wall time in ms from the client. "Side by side": the summaries alone and the records of the partial hours at the edges, until both have answered. ✓ marks what the API sends.',
    '',
    '| pass | way | p50 | p95 |',
    '|---|---|---:|---:|',
    ...rows.map((r) => `| ${r.pass} | ${r.way}${r.sent ? ' ✓' : ''} | ${r.p50} | ${r.p95} |`),
    '',
  ].join('\n'),
);
console.error(rows.map((r) => `${r.pass} · ${r.way}: ${r.p50} / ${r.p95}`).join('\n'));
