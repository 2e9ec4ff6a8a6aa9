/**
 * Mixed load, `npm run bench -- load [--seconds N] [--clients N]`.
 *
 * The API as its own process (src/server/main.ts, production wiring: rate limits counted in
 * Elasticsearch, export slots in Elasticsearch) against the bench customer's 1,000,000 records, driven
 * by many concurrent clients for a fixed time with a mix of what users do:
 * - overview: every built-in report, GET /api/reports/:id/run;
 * - log: a first page of /api/logs (varied filters, sorts, searches), then up to 4 pages by cursor;
 * - export: CSV and NDJSON exports of a few hours, read to the end (at most the per-customer slots);
 * - bad: refused requests of every kind (bad definition, unknown parameter, tampered cursor, bad JSON,
 *   unknown report, wrong token), each of which must be a 4xx.
 * The per-token limit is lifted (SIGHTLINE_RATE_LIMIT) so the limiter counts but does not refuse, and
 * so is the failed-authentication limit, since every client shares one address.
 * Records per route: requests, statuses, p50/p99 latency; requests per second; every 5xx (must be 0);
 * the API's RSS sampled each second (flat = no growth through the run); the machine's load average.
 * Writes bench/results/load.json and bench/results/load.md.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { builtinReports } from '@sightline/schema/reports';
import { createEsClient } from '../packages/query-api/src/server';
import { BENCH_RECORDS, BENCH_TENANT, ensureBenchData } from './data';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argOf = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = argOf('--seconds', 120);
const CLIENTS = argOf('--clients', 32);
const EXPORT_CLIENTS = 2;
const TOKENS = Array.from({ length: 4 }, (_, i) => `bench-load-${i}`);

type Route = 'overview' | 'log-first' | 'log-cursor' | 'export' | 'bad';
interface Sample {
  route: Route;
  status: number;
  ms: number;
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

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function startApi() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', './scripts/dev-loader.mjs', 'packages/query-api/src/server/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        ES_URL,
        NODE_ENV: 'production',
        SIGHTLINE_TOKENS: TOKENS.map((t) => `${t}=${BENCH_TENANT}`).join(','),
        SIGHTLINE_RATE_LIMIT: '100000000',
        SIGHTLINE_AUTH_FAILURE_LIMIT: '100000000',
        SIGHTLINE_EXPORT_CONCURRENCY: String(EXPORT_CLIENTS),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, pid: child.pid!, stop: () => child.kill('SIGTERM'), stderr: () => stderr };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not start: ${stderr}`);
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

async function main() {
  const es = createEsClient(ES_URL, { requestTimeoutMs: 120_000 });
  const records = await ensureBenchData(es);
  const span = await es.search({
    index: 'sightline-authlog',
    size: 0,
    query: { term: { customer_id: BENCH_TENANT } },
    aggs: { min: { min: { field: 'ts' } }, max: { max: { field: 'ts' } } },
  });
  await es.close();
  const aggs = span.aggregations as { min: { value: number }; max: { value: number } };
  const first = aggs.min.value;
  const last = aggs.max.value;

  const api = await startApi();
  const pool = new Pool(api.url, {
    connections: CLIENTS + EXPORT_CLIENTS,
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  const samples: Sample[] = [];
  const fiveHundreds: { route: Route; status: number; body: string }[] = [];
  const reports = builtinReports().map((r) => r.id);

  async function call(
    route: Route,
    path: string,
    init: { method?: 'GET' | 'POST'; body?: string; token?: string } = {},
  ): Promise<{ status: number; text: string }> {
    const started = performance.now();
    const response = await pool.request({
      path,
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token ?? pick(TOKENS, samples.length)}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: init.body } : {}),
    });
    // Exports are counted in bytes and not kept: a few hours are tens of megabytes.
    let text = '';
    if (route === 'export') for await (const _chunk of response.body) void _chunk;
    else text = await response.body.text();
    const status = response.statusCode;
    samples.push({ route, status, ms: performance.now() - started });
    if (status >= 500) fiveHundreds.push({ route, status, body: text.slice(0, 300) });
    return { status, text };
  }

  const logQueries = [
    'sort=-ts',
    'sort=ts&result=denied,failure',
    'q=a&sort=-ts',
    'sort=user.name,-ts&factor=push',
    `filter=${encodeURIComponent(JSON.stringify({ not: { field: 'result', op: 'eq', value: 'success' } }))}`,
    'sort=-ts&pageSize=200',
  ];
  const badRequests: { path: string; method?: 'POST'; body?: string; token?: string }[] = [
    { path: '/api/reports/run', method: 'POST', body: '{"view":"pie","metric":"nope"}' },
    { path: '/api/reports/run', method: 'POST', body: '{not json' },
    { path: '/api/logs?nosuchfield=1' },
    { path: '/api/logs?cursor=eyJ0YW1wZXJlZCI6dHJ1ZX0' },
    { path: '/api/logs?from=2026-01-01T00:00:00Z' },
    { path: '/api/reports/no-such-report/run' },
    { path: '/api/logs', token: 'not-a-token' },
    { path: '/api/logs/export?format=xlsx' },
  ];

  let stop = false;
  let counter = 0;
  async function browsingClient(id: number) {
    while (!stop) {
      const n = counter++;
      const roll = (n * 7 + id) % 10;
      if (roll < 5) {
        await call('overview', `/api/reports/${pick(reports, n)}/run`);
      } else if (roll < 8) {
        // A cursor is only valid with the query it was issued for, so every page repeats it.
        const query = `/api/logs?last=7d&${pick(logQueries, n)}`;
        const page = await call('log-first', query);
        let cursor =
          page.status === 200 ? (JSON.parse(page.text) as { nextCursor: string | null }).nextCursor : null;
        for (let p = 0; p < 4 && cursor && !stop; p++) {
          const next = await call('log-cursor', `${query}&cursor=${encodeURIComponent(cursor)}`);
          cursor =
            next.status === 200 ? (JSON.parse(next.text) as { nextCursor: string | null }).nextCursor : null;
        }
      } else {
        const bad = pick(badRequests, n);
        await call('bad', bad.path, bad);
      }
    }
  }
  async function exportingClient(id: number) {
    let n = id;
    while (!stop) {
      // A few hours somewhere in the data: about 5,000-25,000 records.
      const hours = 1 + (n % 4);
      const start = first + ((n * 9_973_000) % (last - first - hours * 3_600_000));
      const params = new URLSearchParams({
        format: n % 2 ? 'csv' : 'ndjson',
        from: new Date(start).toISOString(),
        to: new Date(start + hours * 3_600_000).toISOString(),
      });
      await call('export', `/api/logs/export?${params}`);
      n += EXPORT_CLIENTS;
    }
  }

  // Warm up (JIT, caches, connections) outside the measured window.
  for (const id of reports) await call('overview', `/api/reports/${id}/run`);
  samples.length = 0;

  const load = () => loadavg().map((l) => Math.round(l * 100) / 100);
  const loadBefore = load();
  const rss: { s: number; mb: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    rss.push({
      s: Math.round((performance.now() - started) / 100) / 10,
      mb: Math.round(rssMb(api.pid) * 10) / 10,
    });
  }, 1000);
  rss.push({ s: 0, mb: Math.round(rssMb(api.pid) * 10) / 10 });
  const workers = [
    ...Array.from({ length: CLIENTS }, (_, i) => browsingClient(i)),
    ...Array.from({ length: EXPORT_CLIENTS }, (_, i) => exportingClient(i)),
  ];
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stop = true;
  await Promise.all(workers);
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const loadAfter = load();
  await pool.close();
  api.stop();

  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
  };
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const routes = (['overview', 'log-first', 'log-cursor', 'export', 'bad'] as const).map((route) => {
    const mine = samples.filter((s) => s.route === route);
    const statuses: Record<string, number> = {};
    for (const s of mine) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    return {
      route,
      requests: mine.length,
      perSecond: round1(mine.length / elapsed),
      p50Ms: round1(
        pct(
          mine.map((s) => s.ms),
          50,
        ),
      ),
      p99Ms: round1(
        pct(
          mine.map((s) => s.ms),
          99,
        ),
      ),
      statuses,
    };
  });
  const mbs = rss.map((r) => r.mb);
  const third = Math.max(1, Math.floor(mbs.length / 3));
  const mean = (xs: number[]) => round1(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  // The heap grows between collections and drops at each: the low point of each 20 s is the trend.
  const troughs: number[] = [];
  for (let from = 0; from < rss.length; from += 20) troughs.push(Math.min(...mbs.slice(from, from + 20)));
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, loadBefore, loadAfter },
    records,
    benchRecords: BENCH_RECORDS,
    seconds: round1(elapsed),
    clients: CLIENTS,
    exportClients: EXPORT_CLIENTS,
    requests: samples.length,
    perSecond: round1(samples.length / elapsed),
    serverErrors: fiveHundreds.length,
    serverErrorSamples: fiveHundreds.slice(0, 5),
    routes,
    apiRssMb: {
      first: mbs[0],
      min: Math.min(...mbs),
      max: Math.max(...mbs),
      meanFirstThird: mean(mbs.slice(0, third)),
      meanLastThird: mean(mbs.slice(-third)),
      lowPer20s: troughs,
      samples: rss,
    },
  };
  writeFileSync(join(here, 'results/load.json'), `${JSON.stringify(result, null, 2)}\n`);
  const statusText = (s: Record<string, number>) =>
    Object.entries(s)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
  writeFileSync(
    join(here, 'results/load.md'),
    `# Mixed load

${result.date}, ${result.machine.cpus} CPUs shared with other work, load average ${loadBefore.join(' / ')} before and ${loadAfter.join(' / ')} after.
The API as its own process (production wiring) against ${records.toLocaleString('en')} records of one customer,
${CLIENTS} browsing clients and ${EXPORT_CLIENTS} exporting clients for ${result.seconds} s over ${CLIENTS + EXPORT_CLIENTS} connections.

**${result.requests.toLocaleString('en')} requests, ${result.perSecond}/s; 5xx: ${result.serverErrors}.**

| route | requests | per s | p50 ms | p99 ms | statuses |
| --- | ---: | ---: | ---: | ---: | --- |
${routes.map((r) => `| ${r.route} | ${r.requests} | ${r.perSecond} | ${r.p50Ms} | ${r.p99Ms} | ${statusText(r.statuses)} |`).join('\n')}

overview: every built-in report in turn; log-first: a first page of /api/logs (filters, sorts, prefix
search); log-cursor: up to four following pages by cursor; export: CSV or NDJSON of 1-4 hours read to
the end (latency = whole download); bad: refused requests (bad definition, bad JSON, unknown parameter,
tampered cursor, half a range, unknown report, wrong token, unknown format), all 4xx.

API resident memory, sampled every second: ${result.apiRssMb.first} MB at the start, ${result.apiRssMb.min}-${result.apiRssMb.max} MB
through the run, mean ${result.apiRssMb.meanFirstThird} MB over the first third and ${result.apiRssMb.meanLastThird} MB over the last;
the lowest reading of each 20 s (after a collection): ${troughs.join(', ')} MB.
Exports answered 429 had found the customer's slots taken: the exporting client starts its next
export as soon as it has read the last byte, before the finished export has given its slot back.
`,
  );
  console.log(readFileSync(join(here, 'results/load.md'), 'utf8'));
  if (result.serverErrors > 0) {
    console.error('server errors:', JSON.stringify(result.serverErrorSamples, null, 2));
    console.error(api.stderr().slice(-3000));
    process.exitCode = 1;
  }
}

await main();
