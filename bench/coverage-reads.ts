/**
 * Coverage reads, `npm run bench -- coverage-reads [--size 10m] [--iterations 30] [--reports id,id]`.
 *
 * A report from summaries first reads how far they reach for its customer (up to three round trips to
 * Elasticsearch; the API keeps an answer for a second). The API starts a report on its last answer
 * while the fresh read is under way, and runs it again only when the fresh read disagrees (see
 * runReport). This measures that against reading first, through the API over HTTP, on a scale data
 * set with about 200 live records a second arriving and the summariser running: every built-in report
 * and the overview's headline, back to back but a second apart on the readers' clock, so that each
 * report finds the API's one-second cache of the reach expired (as a dashboard opened, or a filter
 * changed, a second or more after the last would), the two ways alternating which goes first, the
 * range moved by a second per run. The reach moves only when an hour closes, so a run rarely sees a
 * guess disagree; what that costs (a cancelled guess and a second run) is not measured here.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createEsClient, randomCursorKey } from '../packages/query-api/src/server';
import { readSummaryCoverage, summaryCoverageReader } from '../packages/query-api/src/summaries';
import { BENCH_TOKEN, postReport, serveApi } from './api/serve';
import { scaleDataSet, scaleReports, spanMsOf } from './data';
import { startScaleLiveIngest, startSummariser } from './live';
import { arg, p50p95 } from './support/cli';

const SIZE = arg('--size') ?? '10m';
const ITERATIONS = Number(arg('--iterations') ?? 30);
const WARMUP = 3;
const REPORTS = scaleReports(arg('--reports'));
const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200', { requestTimeoutMs: 600_000 });
const { customer, end } = await scaleDataSet(es, SIZE, 'coverage-reads');

// Both readers see a second pass between any two reports, so neither answers from its one-second cache.
let skew = 0;
const clock = () => performance.now() + skew;
const lastKnown = summaryCoverageReader(es, undefined, clock);
const first = summaryCoverageReader(es, undefined, clock);
const tokens = createTokenStore([{ name: 'bench', sha256: hashToken(BENCH_TOKEN), customer, admin: false }]);
const cursors = randomCursorKey();
const WAYS = {
  // A plain function: without the reader's lastRead the API reads the reach before each report.
  'read first': await serveApi({ es, tokens, cursors, summaries: (c) => first(c) }),
  'last known reach': await serveApi({ es, tokens, cursors, summaries: lastKnown }),
};
type Way = keyof typeof WAYS;

const summariser = startSummariser(es);
const live = startScaleLiveIngest(es, SIZE);
const loadBefore = loadavg()[0]!;
let shift = 0;
let guessed = 0;
let rerun = 0;
const coverageMs: number[] = [];
const times = new Map<string, number[]>();
async function timed(way: Way, report: (typeof REPORTS)[number], keep: boolean): Promise<void> {
  skew += 1_000;
  shift += 1_000;
  const to = end - shift;
  const definition = {
    ...report.definition,
    timeRange: {
      from: new Date(to - spanMsOf(report.definition)).toISOString(),
      to: new Date(to).toISOString(),
    },
  };
  const guess = way === 'last known reach' ? lastKnown.lastRead?.(customer) : undefined;
  const { ms, status, body } = await postReport(WAYS[way].pool, definition);
  if (status !== 200) throw new Error(`${report.id} (${way}): ${status} ${JSON.stringify(body)}`);
  if (body.meta?.source !== 'summaries') throw new Error(`${report.id} (${way}) read ${body.meta?.source}`);
  if (!keep) return;
  if (guess) guessed++;
  if (guess && guess.coverage?.through !== lastKnown.lastRead?.(customer)?.coverage?.through) rerun++;
  times.set(`${report.id}|${way}`, [...(times.get(`${report.id}|${way}`) ?? []), ms]);
}

try {
  for (const report of REPORTS) {
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const ways: Way[] =
        i % 2 === 0 ? ['read first', 'last known reach'] : ['last known reach', 'read first'];
      for (const way of ways) await timed(way, report, i >= WARMUP);
      const t = performance.now();
      await readSummaryCoverage(es, customer);
      coverageMs.push(performance.now() - t);
    }
    console.error(`coverage-reads: ${report.id}`);
  }
} finally {
  await live.stop();
  await summariser.stop();
  for (const way of Object.values(WAYS)) await way.close();
}

const rows = REPORTS.map((r) => ({
  id: r.id,
  readFirst: p50p95(times.get(`${r.id}|read first`) ?? []),
  lastKnown: p50p95(times.get(`${r.id}|last known reach`) ?? []),
}));
const result = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  size: SIZE,
  customer,
  iterations: ITERATIONS,
  loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0]! * 10) / 10 },
  coverageRead: p50p95(coverageMs),
  guessed,
  reruns: rerun,
  rows,
};
const md = [
  '# Reports started on the last known reach of the summaries (`npm run bench -- coverage-reads`)',
  '',
  `${result.date}; \`${customer}\` (${SIZE}); single-node Elasticsearch on the ${result.cpus}-core machine; about 200 live records a second arriving, the summariser running; ${ITERATIONS} timed runs per report and way after ${WARMUP} warm-up runs, the ways alternating which goes first; load average ${result.loadAverage.before} before, ${result.loadAverage.after} after.`,
  '',
  `Through the API over HTTP on loopback, each report from summaries, its range moved by a second per run; the API's one-second cache of the reach never answers (each run is a second later for it). "Read first": the reach read, then the report. "Last known reach": the report started on the last answer while the fresh read runs, answered once they agree (what the API does). The read alone took ${result.coverageRead.cell} ms; the fresh read moved the reach under ${rerun} of the ${guessed} timed reports started on a guess, which then ran again. p50 / p95 in ms.`,
  '',
  '| report | read first | last known reach |',
  '|---|---:|---:|',
  ...rows.map((r) => `| ${r.id} | ${r.readFirst.cell} | ${r.lastKnown.cell} |`),
  '',
].join('\n');
const here = new URL('./results/', import.meta.url);
writeFileSync(new URL('coverage-reads.json', here), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(new URL('coverage-reads.md', here), md);
console.log(md);
await es.close();
process.exit(0);
