/**
 * What a report from summaries pays right after the summariser writes,
 * `npm run bench -- summary-writes [--size 10m] [--rounds N]`.
 *
 * With data arriving, the summariser writes a customer's summaries about once an hour (when an hour
 * closes, or when a load changes an earlier one), then refreshes them. Each summary shard it wrote
 * to then has a new reader: an empty request cache, and global ordinals (every value of a keyword
 * field in the shard, in order) to build again before a terms aggregation can run, unless the
 * field's `eager_global_ordinals` has the refresh build them. On a customer of the scale benchmark
 * (`npm run bench -- scale` generates and marks it), with about 200 live records a second arriving,
 * each round rewrites one hour of its summaries as the summariser does (summariseWindow), refreshes
 * them, then runs a report the way the API does (coverage, compile, search, parse) twice: the first
 * after the write, then the same report a second later. Rounds alternate the user-name fields of
 * the users cubes between eager and lazy global ordinals (put-mapping allows either), so both are
 * measured under the same load; the mapping is left as it was. Reports: out of the ordinary, the
 * overview's headline and top users with failures, over their spans ending at the data set's end,
 * moved by a second every run. Writes bench/results/summary-writes.json and .md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { reportDefinitionSchema } from '@sightline/schema/reports';
import { createEsClient, randomCursorKey } from '../packages/query-api/src/server';
import { runReport } from '../packages/query-api/src/server/run';
import {
  readSummaryCoverage,
  refreshSummaries,
  summariseWindow,
  summaryIndex,
} from '../packages/query-api/src/summaries';
import { scaleDataSet, scaleReports, spanMsOf } from './data';
import { arg } from './support/cli';
import { startScaleLiveIngest } from './live';

const SIZE = arg('--size') ?? '10m';
const ROUNDS = Number(arg('--rounds') ?? 8);
const HOUR = 3_600_000;
const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200', { requestTimeoutMs: 600_000 });

const { end, customer } = await scaleDataSet(es, SIZE, 'summary-writes');
const REPORTS = scaleReports('out-of-the-ordinary,top-users-with-failures,overview-headline');

const USERS_INDICES = [summaryIndex('users'), summaryIndex('users_daily')];
const originalMapping = await es.indices.getMapping({ index: USERS_INDICES });
const eagerOf = (index: string) =>
  (
    originalMapping[index]?.mappings.properties?.user as
      { properties?: { name?: { eager_global_ordinals?: boolean } } } | undefined
  )?.properties?.name?.eager_global_ordinals ?? false;
/** Sets one users cube's user.name to eager (or lazy) global ordinals, keeping its other settings. */
const setEager = (index: string, on: boolean) =>
  es.indices.putMapping({
    index,
    properties: {
      user: { properties: { name: { type: 'keyword', ignore_above: 1024, eager_global_ordinals: on } } },
    },
  });

const cursors = randomCursorKey();
let shift = 0;
/** One report the way the API runs it (coverage read afresh, as after its one-second cache). */
async function timedReport(report: (typeof REPORTS)[number]): Promise<number> {
  shift += 1000;
  const to = end - shift;
  const definition = reportDefinitionSchema.parse({
    ...report.definition,
    timeRange: {
      from: new Date(to - spanMsOf(report.definition)).toISOString(),
      to: new Date(to).toISOString(),
    },
  });
  const t = performance.now();
  const result = await runReport(
    { es, cursors, summaries: (c) => readSummaryCoverage(es, c) },
    definition,
    customer,
    new Date(),
  );
  const ms = performance.now() - t;
  if (result.meta.source !== 'summaries') throw new Error(`${report.id} read ${result.meta.source}`);
  return ms;
}

const live = startScaleLiveIngest(es, SIZE);
const loadBefore = loadavg()[0]!;
// An hour inside every report's span, rewritten with the counts it already has.
const hour = Math.floor(end / HOUR) * HOUR - 3 * HOUR;
type Sample = { refreshMs: number; first: number; second: number };
const samples = new Map<string, Sample[]>();
try {
  for (const report of REPORTS) for (let i = 0; i < 2; i++) await timedReport(report);
  for (let round = 0; round < ROUNDS * 2; round++) {
    // Eager, lazy, lazy, eager, …: neither always goes first.
    const eager = round % 4 === 0 || round % 4 === 3;
    await Promise.all(USERS_INDICES.map((index) => setEager(index, eager)));
    for (const report of REPORTS) {
      await summariseWindow(es, customer, { from: hour, to: hour + HOUR });
      const t = performance.now();
      await refreshSummaries(es);
      const refreshMs = performance.now() - t;
      const first = await timedReport(report);
      await new Promise((r) => setTimeout(r, 1000));
      const second = await timedReport(report);
      const key = `${report.id}|${eager ? 'eager' : 'lazy'}`;
      samples.set(key, [...(samples.get(key) ?? []), { refreshMs, first, second }]);
    }
    console.error(`summary-writes: round ${round + 1} of ${ROUNDS * 2} (${eager ? 'eager' : 'lazy'})`);
  }
} finally {
  await Promise.all(USERS_INDICES.map((index) => setEager(index, eagerOf(index))));
  await live.stop();
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};
const rows = [...samples].map(([key, runs]) => {
  const [id, ordinals] = key.split('|') as [string, string];
  const stat = (pick: (s: Sample) => number) => ({
    p50: pct(runs.map(pick), 50),
    p95: pct(runs.map(pick), 95),
  });
  return {
    id,
    ordinals,
    runs: runs.length,
    refresh: stat((s) => s.refreshMs),
    first: stat((s) => s.first),
    second: stat((s) => s.second),
  };
});
const result = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  size: SIZE,
  customer,
  rounds: ROUNDS * 2,
  loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0]! * 10) / 10 },
  rows,
};
const cell = (x: { p50: number; p95: number }) => `${x.p50} / ${x.p95}`;
const md = [
  '# Reports right after the summariser writes (`npm run bench -- summary-writes`)',
  '',
  `${result.date}; \`${customer}\` (${SIZE}); single-node Elasticsearch on the ${result.cpus}-core machine; about 200 live records a second arriving; ${result.rounds} rounds, each rewriting one hour of the customer's summaries and refreshing them before each report; load average ${result.loadAverage.before} before, ${result.loadAverage.after} after.`,
  '',
  "Per report: the summaries' refresh after the write, the report the way the API runs it (coverage, compile, search, parse; no HTTP) right after it, and the same report a second later (the summaries' request cache filled again). Global ordinals of the users cubes' user names built lazily, by the first search that needs them, or eagerly, by the refresh. p50 / p95 in ms.",
  '',
  '| report | global ordinals | runs | refresh | first after the write | a second later |',
  '|---|---|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.id} | ${r.ordinals} | ${r.runs} | ${cell(r.refresh)} | ${cell(r.first)} | ${cell(r.second)} |`,
  ),
  '',
].join('\n');
const here = new URL('./results/', import.meta.url);
writeFileSync(new URL('summary-writes.json', here), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(new URL('summary-writes.md', here), md);
console.log(md);
await es.close();
