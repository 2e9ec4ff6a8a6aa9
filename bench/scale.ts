/**
 * Scale, `npm run bench -- scale [--sizes 1m,10m,50m] [--iterations N] [--reports id,id] [--order blocked|interleaved] [--sources summaries,records] [--no-catch-up]`.
 *
 * One customer per size, its records spread over 30 days, generated once and kept (a marker
 * document says a size is complete; a load stopped part way resumes with the same data, after the
 * records it surely stored, and its customer's summaries are built once it is complete). For each size, with live ingest of about 200 records/s running into that customer (file
 * loads every second, recorded in the load log) and the summariser keeping the hourly summaries:
 * every built-in report and the overview's headline through the API with summaries and with the records alone (see --order),
 * over the last 7 days of the data moved by a second per run, so that the records' shards answer
 * every search afresh, as with data arriving continuously (the summaries' shards answer a search
 * over the same hours from their request cache until the summariser next writes there, as they
 * would in production: see tsWithin in packages/query-api/src/summaries/plan.ts). Also the time to build a
 * size's summaries from scratch. Targets at 50M: every built-in report under 200 ms p95.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { BENCH_TOKEN, postReport, serveApi } from './api/serve';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { generateRecords } from '../packages/query-api/src/generate';
import { SCALE_MARKER_INDEX, scaleReports, spanMsOf } from './data';
import { quietIngest, SCALE_LIVE_PER_SECOND, startScaleLiveIngest, startSummariser } from './live';
import { arg, percentile } from './support/cli';
import type { ReportDefinition } from '@sightline/schema/reports';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { createEsClient, randomCursorKey } from '../packages/query-api/src/server';
import { runSummariser, SETTLE_MS, summaryCoverageReader } from '../packages/query-api/src/summaries';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const DAY = 86_400_000;
const DAYS = 30;
const SIZES = (arg('--sizes') ?? '1m,10m,50m').split(',').map((s) => {
  const match = /^(\d+)([km])$/.exec(s.trim());
  if (!match) throw new Error(`--sizes: '${s}' is not a size such as 1m or 500k`);
  return { label: s.trim(), count: Number(match[1]) * (match[2] === 'm' ? 1_000_000 : 1000) };
});
const ITERATIONS = Number(arg('--iterations') ?? 20);
const REPORTS = scaleReports(arg('--reports'));
/**
 * Measure with the summaries as they stand instead of waiting for the summariser to take in every
 * load first (after a new set of cubes, its rebuild of a larger customer may take longer than the
 * measurement): a size it has not rebuilt yet reads the records, and "source" says so.
 */
const NO_CATCH_UP = process.argv.includes('--no-catch-up');
/**
 * How a report's runs from summaries and from the records follow each other. `blocked` (the default):
 * all of one source's runs, then all of the other's, the order swapped from one report to the next,
 * each block after its own warm-up runs. `interleaved`: one of each in turn. A records run reads the
 * customer's records (gigabytes at 50M), which can push the summaries out of the operating system's
 * page cache and keeps Elasticsearch's search threads busy; interleaved, every run from summaries
 * came right after one, a load the API with summaries does not make. At 10M, out of the ordinary from
 * summaries took 47 / 54 ms p50 / p95 blocked against 59.5 / 70.6 interleaved (bench/results/scale.md).
 */
const ORDER = arg('--order') ?? 'blocked';
/** `--sources summaries` measures the API with summaries alone (the records' side stays empty). */
const SOURCES = (arg('--sources') ?? 'summaries,records').split(',');
for (const source of SOURCES)
  if (source !== 'summaries' && source !== 'records')
    throw new Error(`--sources: '${source}' is neither summaries nor records`);
if (ORDER !== 'blocked' && ORDER !== 'interleaved')
  throw new Error(`--order: '${ORDER}' is neither blocked nor interleaved`);
const WARMUP = 3;
/** Records a resumed load stores again: far more than the ingest's batches in flight (4 × 5,000). */
const RESUME_MARGIN = 100_000;

const es = createEsClient(ES_URL, { requestTimeoutMs: 600_000 });
const round = (x: number) => Math.round(x * 10) / 10;
const load1 = () => Number(loadavg()[0]!.toFixed(1));
const prefixOf = (label: string) => `scale${label}-`;

async function countOf(customer: string): Promise<number> {
  return (
    await es.count({
      index: READ_ALIAS,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { term: { customer_id: customer } },
    })
  ).count;
}

/** The size's customer, its end instant and how long its summaries took to build, loading it first if needed. */
async function ensureSize(size: { label: string; count: number }) {
  const id = `scale-${size.label}`;
  const marker = await es.get<{ end: string; customer: string; summariseSeconds: number }>(
    { index: SCALE_MARKER_INDEX, id },
    { ignore: [404] },
  );
  if (marker.found && marker._source) return marker._source;
  // A load stopped part way (loading 50M takes about two hours) resumes with the data it began:
  // the same end instant, so the same records.
  const started = await es.get<{ end: string }>(
    { index: SCALE_MARKER_INDEX, id: `${id}-started` },
    { ignore: [404] },
  );
  const end = new Date(started._source?.end ?? Math.floor(Date.now() / DAY) * DAY);
  if (!started.found) {
    await es.indices.create(
      { index: SCALE_MARKER_INDEX, settings: { number_of_replicas: 0 } },
      { ignore: [400] },
    );
    await es.index({
      index: SCALE_MARKER_INDEX,
      id: `${id}-started`,
      document: { end: end.toISOString() },
      refresh: true,
    });
  }
  const options = {
    seed: `scale-${size.label}`,
    count: size.count,
    days: DAYS,
    end,
    customers: 'single' as const,
    customerPrefix: prefixOf(size.label),
  };
  const customer = generateRecords({ ...options, count: 1 }).next().value!.customer_id;
  const t0 = performance.now();
  // Records already there (a run stopped after loading) are not loaded again: the ids are the same.
  // The generator yields them in order and the ingest has at most a few batches in flight, so all
  // but the last RESUME_MARGIN of those counted are surely stored: a stopped load skips those.
  await es.indices.refresh({ index: READ_ALIAS, ignore_unavailable: true, allow_no_indices: true });
  const stored = await countOf(customer);
  if (stored < size.count) {
    const skip = Math.max(0, stored - RESUME_MARGIN);
    console.error(
      `scale: loading ${size.count.toLocaleString('en')} records for ${customer} over ${DAYS} days${skip > 0 ? ` (resuming after ${skip.toLocaleString('en')})` : ''}…`,
    );
    let line = 0;
    await quietIngest(
      es,
      (function* () {
        for (const value of generateRecords(options)) if (++line > skip) yield { line, value };
      })(),
      `bench-scale/${size.label}`,
    );
    await es.indices.refresh({ index: READ_ALIAS });
  }
  const ingestSeconds = (performance.now() - t0) / 1000;
  console.error(`scale: loaded in ${ingestSeconds.toFixed(0)} s; the summariser takes it in…`);
  // As the pipeline does it: the load is in the load log, the summariser recomputes the hours it
  // touched (and all the history of a customer it had not seen before).
  await new Promise((r) => setTimeout(r, SETTLE_MS + 500));
  const t1 = performance.now();
  await catchUpSummaries();
  const summariseSeconds = (performance.now() - t1) / 1000;
  const saved = {
    customer,
    end: end.toISOString(),
    count: await countOf(customer),
    ingestSeconds,
    summariseSeconds,
  };
  await es.indices.create(
    { index: SCALE_MARKER_INDEX, settings: { number_of_replicas: 0 } },
    { ignore: [400] },
  );
  await es.index({ index: SCALE_MARKER_INDEX, id, document: saved, refresh: true });
  // A later load of this size (its data and marker deleted) starts afresh.
  await es.delete({ index: SCALE_MARKER_INDEX, id: `${id}-started`, refresh: true }, { ignore: [404] });
  return saved;
}

/** Runs the summariser until it has taken in every load so far. */
async function catchUpSummaries(): Promise<void> {
  await runSummariser({
    es,
    intervalMs: 1000,
    once: true,
    signal: new AbortController().signal,
    log: (line) => console.error(line),
  });
}

/**
 * Waits until Elasticsearch runs no search: a report the API gave up on (a 503 after its time limit)
 * leaves its searches running until they notice the cancellation, and the next timed run, from
 * summaries perhaps, would wait for a core behind them. The live ingest and the summariser go on.
 */
async function searchesFinished(): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const { nodes } = await es.tasks.list({ actions: 'indices:data/read/search*' });
    if (Object.values(nodes ?? {}).every((node) => Object.keys(node.tasks ?? {}).length === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Elasticsearch is still searching a minute after the last report answered');
}

async function measureSize(size: { label: string; count: number }) {
  const data = await ensureSize(size);
  const records = await countOf(data.customer);
  const tokens = createTokenStore([
    { name: 'bench', sha256: hashToken(BENCH_TOKEN), customer: data.customer, admin: false },
  ]);
  const cursors = randomCursorKey();
  const withSummaries = await serveApi({ es, tokens, cursors, summaries: summaryCoverageReader(es) });
  const recordsOnly = await serveApi({ es, tokens, cursors });

  if (!NO_CATCH_UP) await catchUpSummaries();
  const summariser = startSummariser(es, (line) => console.error(line));
  const live = startScaleLiveIngest(es, size.label);
  const loadBefore = load1();
  const liveStarted = performance.now();

  const end = Date.parse(data.end);
  let shift = 0;
  const timed = async (pool: Pool, definition: ReportDefinition) => {
    const { ms, status, body } = await postReport(pool, definition);
    // A report Elasticsearch could not finish in the API's time limit is a 503: counted, its time
    // kept (the limit, at least), so the percentiles show it rather than the run stopping.
    const failed = status === 503;
    if (!failed && status !== 200) throw new Error(`${status}: ${JSON.stringify(body)}`);
    await searchesFinished();
    return { ms, source: failed ? 'records' : (body.meta?.source ?? 'records'), failed };
  };

  const rows = [];
  for (const report of REPORTS) {
    const spanMs = spanMsOf(report.definition);
    // A new second every run: the records' shards answer afresh.
    const definition = () => {
      shift += 1000;
      const to = end - shift;
      return {
        ...report.definition,
        timeRange: { from: new Date(to - spanMs).toISOString(), to: new Date(to).toISOString() },
      } as ReportDefinition;
    };
    const summarised: Awaited<ReturnType<typeof timed>>[] = [];
    const raw: Awaited<ReturnType<typeof timed>>[] = [];
    const sides = [
      { pool: withSummaries.pool, runs: summarised, source: 'summaries' },
      { pool: recordsOnly.pool, runs: raw, source: 'records' },
    ].filter((side) => SOURCES.includes(side.source));
    if (ORDER === 'interleaved') {
      for (let i = 0; i < WARMUP + ITERATIONS; i++)
        for (const side of sides) {
          const run = await timed(side.pool, definition());
          if (i >= WARMUP) side.runs.push(run);
        }
    } else {
      for (const side of rows.length % 2 === 0 ? sides : [...sides].reverse())
        for (let i = 0; i < WARMUP + ITERATIONS; i++) {
          const run = await timed(side.pool, definition());
          if (i >= WARMUP) side.runs.push(run);
        }
    }
    const stats = (runs: typeof raw) => {
      const ms = runs.map((r) => r.ms);
      return {
        runs: runs.length,
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        timedOut: runs.filter((r) => r.failed).length,
      };
    };
    const row = {
      id: report.id,
      source: SOURCES.includes('summaries')
        ? (summarised.findLast((r) => !r.failed)?.source ?? 'records')
        : 'not measured',
      summaries: stats(summarised),
      records: stats(raw),
    };
    rows.push(row);
    const out = (x: ReturnType<typeof stats>) =>
      x.runs === 0
        ? 'not measured'
        : `p50 ${x.p50} p95 ${x.p95}${x.timedOut > 0 ? ` (${x.timedOut} timed out)` : ''}`;
    console.error(
      `${size.label} ${report.id.padEnd(26)} ${row.source.padEnd(9)} ${out(row.summaries)} | records ${out(row.records)}`,
    );
  }
  const liveWritten = await live.stop();
  await summariser.stop();
  const loadAfter = load1();
  for (const s of [withSummaries, recordsOnly]) await s.close();
  return {
    size: size.label,
    customer: data.customer,
    records,
    summariseSeconds: round(data.summariseSeconds),
    liveRecordsDuringMeasurement: liveWritten,
    liveSeconds: round((performance.now() - liveStarted) / 1000),
    loadAverage: { before: loadBefore, after: loadAfter },
    reports: rows,
  };
}

async function main() {
  const results: Awaited<ReturnType<typeof measureSize>>[] = [];
  for (const size of SIZES) results.push(await measureSize(size));
  await es.close();
  const result = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    iterations: ITERATIONS,
    order: ORDER,
    sizes: results,
  };
  const here = new URL('./results/', import.meta.url);
  writeFileSync(new URL('scale.json', here), `${JSON.stringify(result, null, 2)}\n`);
  const ids = REPORTS.map((r) => r.id);
  const cell = (s: (typeof results)[number], id: string, side: 'summaries' | 'records') => {
    const r = s.reports.find((x) => x.id === id)!;
    if (r[side].runs === 0) return 'not measured';
    const timedOut = r[side].timedOut ?? 0;
    return `${r[side].p50} / ${r[side].p95}${timedOut > 0 ? ` (${timedOut} of ${ITERATIONS} timed out)` : ''}`;
  };
  const section = [
    `## ${result.date.slice(0, 10)}`,
    '',
    `${result.date}; single-node Elasticsearch on the ${result.cpus}-core machine; ${ITERATIONS} timed runs per report and source after ${WARMUP} warm-up runs, ${ORDER === 'blocked' ? "each source's runs in a block of their own (summaries first for every other report)" : 'interleaved'}; about ${SCALE_LIVE_PER_SECOND} live records a second ingested into the measured customer throughout, the summariser running.`,
    '',
    ...results.map(
      (s) =>
        `- **${s.size}**: ${s.records.toLocaleString('en')} records for \`${s.customer}\` over ${DAYS} days; the summariser's catch-up once the data was in place took ${s.summariseSeconds} s (from where its state was: on a first run, every customer in the cluster); ${s.liveRecordsDuringMeasurement.toLocaleString('en')} live records written while measuring (${round(s.liveRecordsDuringMeasurement / s.liveSeconds)} a second); load average ${s.loadAverage.before} before, ${s.loadAverage.after} after.`,
    ),
    '',
    "Each report over its own span (7 days, or 24 hours) ending at the data set's end, moved by a second every run so that the records' shards answer every search afresh (the summaries' shards answer a search over the same hours from their request cache until the summariser next writes there, as in production). p50 / p95 in ms through the API (HTTP on loopback); \"source\" is what the API with summaries used. A run Elasticsearch could not finish within the API's time limit (a 503) counts with the time it took, and the cell says how many did.",
    '',
    `| report | source | ${results.map((s) => `${s.size} summaries | ${s.size} records`).join(' | ')} |`,
    `|---|---|${results.map(() => '---:|---:').join('|')}|`,
    ...ids.map(
      (id) =>
        `| ${id} | ${results[0]!.reports.find((r) => r.id === id)!.source} | ${results.map((s) => `${cell(s, id, 'summaries')} | ${cell(s, id, 'records')}`).join(' | ')} |`,
    ),
    '',
  ].join('\n');
  // Each run is a dated section appended to the earlier ones: the growth across changes stays readable.
  const file = new URL('scale.md', here);
  const earlier = existsSync(file)
    ? readFileSync(file, 'utf8').trimEnd()
    : '# Scale (`npm run bench -- scale`)';
  writeFileSync(file, `${earlier}\n\n${section}`);
  console.log(section);
}

await main();
