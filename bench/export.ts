/**
 * Export throughput, `npm run bench -- export [--rows N]`.
 *
 * Exports every record of the bench customer (≥ 1,000,000, the same data set as the reports
 * benchmark, ingested once) through the API over HTTP, as CSV and as NDJSON, against the ceiling: a
 * bare point-in-time + search_after loop with the official client, in the export's own order (event
 * time, newest first), doing nothing with the hits but serialise them. Also, for context, the same
 * loop in index order (`_shard_doc`), which no ordered, resumable export can match.
 * The API runs as a child process; its memory is sampled from /proc/<pid>/status (VmRSS, VmHWM).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { estypes } from '@elastic/elasticsearch';
import { PAGE_BYTES } from '../packages/query-api/src/export/page-search';
import { DEFAULT_PAGE_SIZE, FIRST_PAGE_SIZE } from '../packages/query-api/src/export/walk';
import { compileLogQuery } from '../packages/query-api/src/reports';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { createEsClient } from '../packages/query-api/src/server';
import { BENCH_TENANT, ensureBenchData } from './data';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const TENANT = BENCH_TENANT;
const TOKEN = 'bench-export-token';
/** The ceiling's page size; the API uses its own default (DEFAULT_PAGE_SIZE, a smaller first page). */
const PAGE_SIZE = 5000;
const TARGETS = { ceilingShare: 0.8, ttfbMs: 1000, rssMb: 256 };
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const es = createEsClient(ES_URL, { requestTimeoutMs: 300_000 });

/** The customer's whole time span, as an absolute window, so every run exports the same rows. */
async function span(): Promise<{ from: string; to: string }> {
  const r = await es.search({
    index: READ_ALIAS,
    size: 0,
    query: { term: { customer_id: TENANT } },
    aggs: { min: { min: { field: 'ts' } }, max: { max: { field: 'ts' } } },
  });
  const aggs = r.aggregations as { min: { value: number }; max: { value: number } };
  return { from: new Date(aggs.min.value).toISOString(), to: new Date(aggs.max.value + 1).toISOString() };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

async function startApi() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', './scripts/dev-loader.mjs', 'packages/query-api/src/server/main.ts'],
    {
      cwd: root,
      env: { ...process.env, PORT: String(port), ES_URL, SIGHTLINE_TOKENS: `${TOKEN}=${TENANT}` },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not start');
}

interface Run {
  name: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  ttfbMs: number | null;
  apiPeakRssMb: number | null;
}

/** Samples the API's resident memory while `work` runs; the peak of the samples is this run's. */
async function sampled<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = memoryOf(pid).rssMb;
  const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rssMb)), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, memoryOf(pid).rssMb) };
  } finally {
    clearInterval(timer);
  }
}

async function viaApi(
  api: { url: string; pid: number },
  format: 'csv' | 'ndjson',
  range: { from: string; to: string },
): Promise<Run> {
  const params = new URLSearchParams({ format, ...range });
  const { result, peakMb } = await sampled(api.pid, async () => {
    const started = performance.now();
    const response = await fetch(`${api.url}/api/logs/export?${params}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    if (!response.ok) throw new Error(`export ${format}: HTTP ${response.status} ${await response.text()}`);
    let ttfb: number | null = null;
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      ttfb ??= performance.now() - started;
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    }
    return { seconds: (performance.now() - started) / 1000, ttfb, bytes, newlines };
  });
  // CSV: a header line; NDJSON: a trailer line. Rows are the other lines (generated values hold no newline).
  const rows = result.newlines - 1;
  return {
    name: `API ${format.toUpperCase()} over HTTP`,
    rows,
    bytes: result.bytes,
    seconds: result.seconds,
    rowsPerSecond: rows / result.seconds,
    ttfbMs: result.ttfb,
    apiPeakRssMb: peakMb,
  };
}

async function ceiling(range: { from: string; to: string }, ordered: boolean): Promise<Run> {
  const query = compileLogQuery({ timeRange: { ...range, timeZone: 'UTC' } }, TENANT, new Date());
  const sort: estypes.SortCombinations[] = ordered
    ? [query.sort[0]!, { _shard_doc: { order: 'asc' } }]
    : [{ _shard_doc: { order: 'asc' } }];
  const started = performance.now();
  const pit = await es.openPointInTime({ index: query.index, keep_alive: '1m' });
  let id = pit.id;
  let after: estypes.SortResults | undefined;
  let rows = 0;
  let bytes = 0;
  let ttfb: number | null = null;
  for (;;) {
    const r = await es.search({
      pit: { id, keep_alive: '1m' },
      size: PAGE_SIZE,
      query: query.query,
      sort,
      track_total_hits: false,
      ...(after ? { search_after: after } : {}),
    });
    ttfb ??= performance.now() - started;
    if (r.pit_id) id = r.pit_id;
    const hits = r.hits.hits;
    for (const hit of hits) bytes += JSON.stringify(hit._source).length + 1;
    rows += hits.length;
    if (hits.length < PAGE_SIZE) break;
    after = hits[hits.length - 1]!.sort;
  }
  await es.closePointInTime({ id });
  const seconds = (performance.now() - started) / 1000;
  return {
    name: ordered
      ? 'ceiling: bare PIT + search_after, export order'
      : 'context: bare PIT + search_after, index order',
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    ttfbMs: ttfb,
    apiPeakRssMb: null,
  };
}

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main() {
  // The machine is shared: the load at both ends tells how far other work may have skewed the rates.
  const loadAtStart = loadavg().map((l) => round(l, 1));
  const records = await ensureBenchData(es);
  const range = await span();
  console.error(`bench: exporting ${records} records of ${TENANT}, ${range.from} – ${range.to}`);
  const api = await startApi();
  const idleMb = memoryOf(api.pid).rssMb;
  const runs: Run[] = [];
  try {
    // Warm-up: JIT, connection pools, Elasticsearch caches; not recorded.
    await viaApi(api, 'csv', {
      from: range.from,
      to: new Date(Date.parse(range.from) + 3_600_000).toISOString(),
    });
    runs.push(await ceiling(range, true));
    runs.push(await viaApi(api, 'csv', range));
    runs.push(await viaApi(api, 'ndjson', range));
    runs.push(await ceiling(range, false));
  } finally {
    api.stop();
  }
  const hwmMb = runs.length ? Math.max(...runs.map((r) => r.apiPeakRssMb ?? 0)) : 0;
  const ceilingRate = runs[0]!.rowsPerSecond;
  for (const r of runs.slice(1)) {
    if (r.rows !== runs[0]!.rows)
      throw new Error(`${r.name} returned ${r.rows} rows, the ceiling ${runs[0]!.rows}`);
  }
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      load: loadavg().map((l) => round(l, 1)),
      loadAtStart,
      node: process.version,
    },
    customer: TENANT,
    records,
    range,
    pageSize: PAGE_SIZE,
    apiIdleRssMb: round(idleMb, 1),
    runs: runs.map((r) => ({
      ...r,
      seconds: round(r.seconds, 2),
      rowsPerSecond: round(r.rowsPerSecond),
      ttfbMs: r.ttfbMs === null ? null : round(r.ttfbMs),
      apiPeakRssMb: r.apiPeakRssMb === null ? null : round(r.apiPeakRssMb, 1),
      shareOfCeiling: round(r.rowsPerSecond / ceilingRate, 3),
    })),
    targets: TARGETS,
    pass: {
      csvShare: runs[1]!.rowsPerSecond / ceilingRate >= TARGETS.ceilingShare,
      ndjsonShare: runs[2]!.rowsPerSecond / ceilingRate >= TARGETS.ceilingShare,
      ttfb: [runs[1]!, runs[2]!].every((r) => (r.ttfbMs ?? Infinity) < TARGETS.ttfbMs),
      rss: hwmMb < TARGETS.rssMb,
    },
  };
  const out = join(root, 'bench', 'results');
  writeFileSync(join(out, 'export.json'), `${JSON.stringify(results, null, 2)}\n`);
  const md = [
    '# Export benchmark',
    '',
    `${results.date} · ${results.machine.cpus} × ${results.machine.model} · load ${loadAtStart.join(' ')} at the start, ${results.machine.load.join(' ')} at the end · Node ${results.machine.node}`,
    '',
    `Every record of \`${TENANT}\` (${records.toLocaleString('en')} rows, ${range.from} – ${range.to}); API pages of ${DEFAULT_PAGE_SIZE} rows (the first ${FIRST_PAGE_SIZE}; fewer if a page would pass ${PAGE_BYTES / 1024 / 1024} MiB), ceiling pages of ${PAGE_SIZE}.`,
    'The API runs as a child process (HTTP on loopback); the ceiling is a bare point-in-time + search_after loop with the',
    'official client in the same order (event time, newest first), serialising the hits and nothing else.',
    'The last row, in index order, is what Elasticsearch gives when it does not sort at all: context, not a target.',
    '',
    '| run | rows | MB | s | rows/s | share of ceiling | time to first byte (ms) | API peak RSS (MB) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.runs.map(
      (r) =>
        `| ${r.name} | ${r.rows} | ${round(r.bytes / 1e6, 1)} | ${r.seconds} | ${r.rowsPerSecond} | ${r.shareOfCeiling} | ${r.ttfbMs ?? ''} | ${r.apiPeakRssMb ?? ''} |`,
    ),
    '',
    `API resident memory when idle: ${results.apiIdleRssMb} MB.`,
    '',
    `Targets: ≥ ${TARGETS.ceilingShare * 100}% of the ceiling's rows/s (CSV ${results.pass.csvShare ? 'met' : 'NOT met'}, NDJSON ${results.pass.ndjsonShare ? 'met' : 'NOT met'}), time to first byte < ${TARGETS.ttfbMs} ms (${results.pass.ttfb ? 'met' : 'NOT met'}), API peak RSS < ${TARGETS.rssMb} MB (${results.pass.rss ? 'met' : 'NOT met'}).`,
    '',
  ].join('\n');
  writeFileSync(join(out, 'export.md'), md);
  process.stdout.write(md);
  await es.close();
}

await main();
