/**
 * Reports from summaries in one search or two, `npm run bench -- split-searches [--size 50m] [--runs N]`.
 *
 * A report from summaries reads whole hours from the summaries and the partial hours at its range's
 * edges from the records. In one search over both, a terms aggregation builds each records shard's
 * global ordinals, and Elasticsearch rebuilds them after every refresh: the current month's shard
 * refreshes every second while data arrives. The API sends such a ranking as two searches side by
 * side instead, the summaries alone and the edge records alone (addresses looked up per record:
 * see besideSummaries in packages/query-api/src/reports/views/ranking.ts). This measures both ways,
 * interleaved, on a customer of the scale benchmark (`npm run bench -- scale` generates and marks
 * it) with about 200 live records a second arriving for it and the summariser running: the risky-IPs
 * ranking pass, and out of the ordinary's ranking and counting passes (the API counts in one search:
 * two measured no faster). Wall time from the client,
 * the two searches counted until both have answered. Writes bench/results/split-searches.json and .md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  builtinReport,
  reportDefinitionSchema,
  type ReportDefinition,
  type SignificantView,
} from '@sightline/schema/reports';
import {
  compile,
  narrow,
  probeSearches,
  type EsSearchResponse,
  type Search,
} from '../packages/query-api/src/reports';
import { backgroundWindow, compileSignificant } from '../packages/query-api/src/reports/views/significant';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { createEsClient, randomCursorKey } from '../packages/query-api/src/server';
import { planMultiCube, readSummaryCoverage, summaryScopedQuery } from '../packages/query-api/src/summaries';
import { startLiveIngest, startSummariser } from './live';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZE = arg('--size') ?? '50m';
const RUNS = Number(arg('--runs') ?? 30);
const WARMUP = 3;
const SPAN_MS = 7 * 86_400_000;
/** Where the scale benchmark marks a size it has generated (bench/scale.ts). */
const MARKER_INDEX = 'sightline-bench-scale';

const es = createEsClient(ES_URL, { requestTimeoutMs: 120_000 });
const cursors = randomCursorKey();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

const marker = await es.get<{ end: string; customer: string }>(
  { index: MARKER_INDEX, id: `scale-${SIZE}` },
  { ignore: [404] },
);
if (!marker.found || !marker._source) {
  console.error(`split-searches: no ${SIZE} data set; run \`npm run bench -- scale --sizes ${SIZE}\` first`);
  process.exit(2);
}
const { customer } = marker._source;
const end = Date.parse(marker._source.end);

const send = async (search: Search) =>
  (await es.search({ index: search.index, ...search.body })) as unknown as EsSearchResponse;
/** Wall time until every search has answered, sent side by side. */
async function timed(searches: readonly Search[]): Promise<number> {
  const t = performance.now();
  await Promise.all(searches.map(send));
  return performance.now() - t;
}

/** One run's searches both ways, for each pass measured. */
type Pass = { one: Search[]; two: Search[] };

/** A new second every run, as data arriving continuously would: no answer from the request cache. */
let shift = 0;
async function compiled(id: string) {
  shift += 1000;
  const to = end - shift;
  const definition = reportDefinitionSchema.parse({
    ...(builtinReport(id)!.definition as ReportDefinition),
    timeRange: { from: new Date(to - SPAN_MS).toISOString(), to: new Date(to).toISOString() },
  });
  const coverage = await readSummaryCoverage(es, customer);
  if (!coverage) throw new Error(`${customer} is not summarised yet: run the scale benchmark first`);
  return {
    definition,
    coverage,
    request: compile(definition, customer, new Date(), { cursors, summaries: coverage }),
  };
}

async function riskyPasses(): Promise<Record<string, Pass>> {
  const { request } = await compiled('risky-ips');
  const [summaries, records] = probeSearches(request);
  if (!summaries || !records) throw new Error('the risky-IPs ranking was not split: no partial hour?');
  const query = (request.plan as { query: unknown }).query;
  return {
    'risky IPs, ranking': {
      one: [{ index: request.index, body: { ...summaries.body, query } as Search['body'] }],
      two: [summaries, records],
    },
  };
}

async function ordinaryPasses(): Promise<Record<string, Pass>> {
  const { definition, coverage, request } = await compiled('out-of-the-ordinary');
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
  const { keys, cubes } = counting.plan as {
    keys: string[][];
    cubes: Parameters<typeof compileSignificant>[4];
  };
  // The ranking as one search: the period's hours from both sides (the plan's ranking query is the
  // summaries' side alone), so the same body over the records and summaries together.
  const scoped = (windows: Parameters<typeof summaryScopedQuery>[1]) =>
    summaryScopedQuery(customer, windows, definition.filters);
  const periodQuery = scoped(periodOf(multi, range));
  return {
    'out of the ordinary, ranking': {
      one: [{ index: multi.index, body: { ...summaries.body, query: periodQuery } as Search['body'] }],
      two: [summaries, records],
    },
    // Not what the API sends: counting in two searches side by side, measured against the one it sends.
    'out of the ordinary, counting': {
      one: [{ index: counting.index, body: counting.body }],
      two: [
        {
          index: summaries.index,
          body: compileSignificant(view, scoped({ ...multi, raw: [] }), range, keys, cubes),
        },
        {
          index: READ_ALIAS,
          body: compileSignificant(view, scoped({ summarised: [], raw: multi.raw }), range, keys),
        },
      ],
    },
  };
}

/** The windows of a split clipped to the period (the ranking counts the period alone). */
function periodOf(multi: NonNullable<ReturnType<typeof planMultiCube>>, range: { from: number; to: number }) {
  const clip = (windows: readonly { from: number; to: number }[]) =>
    windows.flatMap((w) => {
      const from = Math.max(w.from, range.from);
      const to = Math.min(w.to, range.to);
      return to > from ? [{ from, to }] : [];
    });
  return {
    summarised: clip(multi.summarised),
    raw: clip(multi.raw),
    ...(multi.daily ? { daily: { ...multi.daily, days: clip(multi.daily.days) } } : {}),
  };
}

const summariser = startSummariser(es);
const live = startLiveIngest(es, {
  seed: `split-searches-${SIZE}`,
  customerPrefix: customer.replace(/acme$/, ''),
  ratePerSecond: 200,
  stream: `bench-split-searches/live-${SIZE}`,
});
const loadBefore = loadavg()[0]!.toFixed(1);
const liveStarted = performance.now();
const times: Record<string, { one: number[]; two: number[] }> = {};
for (let run = -WARMUP; run < RUNS; run++) {
  const passes = { ...(await riskyPasses()), ...(await ordinaryPasses()) };
  for (const [name, pass] of Object.entries(passes)) {
    // Interleaved, the order swapped every run: each way as often first.
    const order = run % 2 === 0 ? (['one', 'two'] as const) : (['two', 'one'] as const);
    for (const way of order) {
      const ms = await timed(pass[way]);
      if (run >= 0) (times[name] ??= { one: [], two: [] })[way].push(ms);
    }
  }
}
const liveWritten = await live.stop();
const liveSeconds = (performance.now() - liveStarted) / 1000;
await summariser.stop();
await es.close();

const rows = Object.entries(times).map(([pass, t]) => ({
  pass,
  one: { p50: pct(t.one, 50), p95: pct(t.one, 95) },
  two: { p50: pct(t.two, 50), p95: pct(t.two, 95) },
}));
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
writeFileSync(new URL('split-searches.json', here), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  new URL('split-searches.md', here),
  [
    '# Reports from summaries: one search over both, or two side by side',
    '',
    `${result.date}; single-node Elasticsearch on the ${result.cpus}-core machine; \`${customer}\` (the scale benchmark's ${SIZE} data set), each report over 7 days ending at the data set's end, moved by a second every run; ${RUNS} runs after ${WARMUP} warm-up runs, the two ways interleaved; ${liveWritten.toLocaleString('en')} live records written for the customer meanwhile (${Math.round(liveWritten / liveSeconds)} a second), the summariser running; load average ${result.loadAverage.before} before, ${result.loadAverage.after} after.`,
    '',
    'Wall time in ms from the client, p50 / p95. "Two side by side": the summaries alone and the records of the partial hours at the edges, until both have answered. The API sends the rankings as two and out of the ordinary\'s counting pass as one.',
    '',
    '| pass | one search over both | two side by side |',
    '|---|---:|---:|',
    ...rows.map((r) => `| ${r.pass} | ${r.one.p50} / ${r.one.p95} | ${r.two.p50} / ${r.two.p95} |`),
    '',
  ].join('\n'),
);
console.error(
  rows.map((r) => `${r.pass}: one ${r.one.p50}/${r.one.p95}, two ${r.two.p50}/${r.two.p95}`).join('\n'),
);
