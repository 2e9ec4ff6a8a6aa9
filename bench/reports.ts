/**
 * Report latency, `npm run bench -- reports [--iterations N]`.
 *
 * For each built-in report, warm: the request through the API (HTTP to a Node server on loopback,
 * auth + validation + compile + search + parse + JSON) against the same compiled Elasticsearch request
 * sent directly with the client, interleaved in one run. Both sides use the same HTTP client library
 * (undici, which the Elasticsearch client's transport is built on), so the difference is the API's. Also the direct request with the request cache
 * off, i.e. what Elasticsearch's own computation costs on a cache miss (new minute, new data).
 * Also the bare hop: a plain Node HTTP server on the same loopback answering with the report's own
 * response bytes and doing nothing else, called the same way. It is the least any HTTP service in
 * front of Elasticsearch adds, so it shows how much of the overhead is the API's own work.
 * Data: a bench customer with ≥ 1,000,000 records over the last 7 days (ingested once, idempotently).
 */
import { serve } from '@hono/node-server';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { builtinReports, reportDefinitionSchema } from '@sightline/schema/reports';
import { compile, narrow, probeSearches } from '../packages/query-api/src/reports';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { createApp, createEsClient, randomCursorKey } from '../packages/query-api/src/server';
import { BENCH_TENANT, ensureBenchData } from './data';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const TENANT = BENCH_TENANT;
/** Only the direct searches are compiled here; none of them pages, so any key will do. */
const cursors = randomCursorKey();
const iterArg = process.argv.indexOf('--iterations');
const ITERATIONS = iterArg > 0 ? Number(process.argv[iterArg + 1]) : 40;
const WARMUP = 5;

const es = createEsClient(ES_URL, { requestTimeoutMs: 120_000 });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const records = await ensureBenchData(es);
  const totalDocs = (await es.count({ index: READ_ALIAS })).count;
  const app = createApp({
    es,
    tokens: createTokenStore([
      { name: 'bench', sha256: hashToken('bench-token'), customer: TENANT, admin: false },
    ]),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pool = new Pool(base, { connections: 4 });
  // The bare hop answers with whatever body the current report's API response had.
  let bareBody = Buffer.alloc(0);
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bareBody.length });
    res.end(bareBody);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const barePool = new Pool(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`, { connections: 4 });
  const load = () => os.loadavg()[0]!.toFixed(1);
  const loadBefore = load();

  const rows = [];
  for (const report of builtinReports()) {
    const def = reportDefinitionSchema.parse(report.definition);
    // The same GET, timed through to the parsed JSON, to the API or to the bare hop.
    const get = (to: Pool) =>
      to.request({
        path: `/api/reports/${report.id}/run`,
        method: 'GET',
        headers: { authorization: 'Bearer bench-token' },
      });
    const timed = async (to: Pool) => {
      const t = performance.now();
      const res = await get(to);
      if (res.statusCode !== 200) throw new Error(`${report.id}: ${res.statusCode} ${await res.body.text()}`);
      await res.body.json();
      return performance.now() - t;
    };
    const api = () => timed(pool);
    const hop = () => timed(barePool);
    bareBody = Buffer.from(await (await get(pool)).body.arrayBuffer());
    // The same searches the API sends: a top-N ranking's first pass (with a breakdown's presence
    // probes beside it), then the exact count.
    const direct = async (cache: boolean) => {
      let req = compile(def, TENANT, new Date(), { cursors });
      const t = performance.now();
      let took = 0;
      if (req.probe) {
        const [first, ...carried] = await Promise.all(
          probeSearches(req).map(({ index, body }) => es.search({ index, ...body, request_cache: cache })),
        );
        took += Math.max(...[first!, ...carried].map((r) => r.took));
        req = narrow(req, first!, carried);
      }
      const response = await es.search({ index: req.index, ...req.body, request_cache: cache });
      return { ms: performance.now() - t, took: took + response.took };
    };
    for (let i = 0; i < WARMUP; i += 1) {
      await api();
      await direct(true);
      await hop();
    }
    const apiMs: number[] = [];
    const directMs: number[] = [];
    const tookMs: number[] = [];
    const uncachedMs: number[] = [];
    const hopMs: number[] = [];
    for (let i = 0; i < ITERATIONS; i += 1) {
      apiMs.push(await api());
      const d = await direct(true);
      directMs.push(d.ms);
      tookMs.push(d.took);
      uncachedMs.push((await direct(false)).ms);
      hopMs.push(await hop());
    }
    const row = {
      id: report.id,
      api: { p50: round(pct(apiMs, 50)), p95: round(pct(apiMs, 95)) },
      direct: { p50: round(pct(directMs, 50)), p95: round(pct(directMs, 95)) },
      esTook: { p50: pct(tookMs, 50), p95: pct(tookMs, 95) },
      directUncached: { p50: round(pct(uncachedMs, 50)), p95: round(pct(uncachedMs, 95)) },
      responseBytes: bareBody.length,
      bareHop: { p50: round(pct(hopMs, 50)), p95: round(pct(hopMs, 95)) },
      bareHopPct: Math.round((pct(hopMs, 50) / pct(directMs, 50)) * 100),
      overheadP50Ms: round(pct(apiMs, 50) - pct(directMs, 50)),
      overheadPct: Math.round(((pct(apiMs, 50) - pct(directMs, 50)) / pct(directMs, 50)) * 100),
      overheadOfUncachedPct: Math.round(((pct(apiMs, 50) - pct(directMs, 50)) / pct(uncachedMs, 50)) * 100),
    };
    rows.push(row);
    console.error(
      `${report.id.padEnd(26)} api p50 ${row.api.p50} p95 ${row.api.p95} | direct p50 ${row.direct.p50} p95 ${row.direct.p95} | uncached p50 ${row.directUncached.p50} p95 ${row.directUncached.p95} | bare hop p50 ${row.bareHop.p50}`,
    );
  }
  const loadAfter = load();
  server.close();
  bare.close();
  await pool.close();
  await barePool.close();
  await es.close();

  const result = {
    date: new Date().toISOString(),
    esUrl: ES_URL,
    tenant: TENANT,
    tenantRecords: records,
    indexRecords: totalDocs,
    loadAverage: { before: Number(loadBefore), after: Number(loadAfter) },
    iterations: ITERATIONS,
    warmup: WARMUP,
    reports: rows,
  };
  const here = new URL('./results/', import.meta.url);
  writeFileSync(new URL('reports.json', here), `${JSON.stringify(result, null, 2)}\n`);
  const p95Max = Math.max(...rows.map((r) => r.api.p95));
  const md = [
    '# Report latency (`npm run bench -- reports`)',
    '',
    `${result.date}; ${records.toLocaleString('en')} records for \`${TENANT}\`, ${totalDocs.toLocaleString('en')} in the index; single-node Elasticsearch 8.19 on the 2-core machine (one-minute load average ${loadBefore} before, ${loadAfter} after); ${ITERATIONS} timed runs after ${WARMUP} warm-up runs, interleaved.`,
    '',
    '- **API**: HTTP GET /api/reports/:id/run to the Node server on loopback (auth, validation, compile, search, parse, JSON), called with undici.',
    '- **Direct**: the identical compiled search sent with the Elasticsearch client (undici underneath; request cache on, as the API sends it).',
    '- **Direct, uncached**: the same search with `request_cache: false`: Elasticsearch computing the aggregation (first request in a new minute, or after new data is refreshed).',
    '- **Overhead**: API p50 minus direct p50, in ms, as a share of the direct (cached) p50 and of the uncached p50.',
    "- **Bare hop**: the same GET to a plain Node HTTP server on loopback that answers at once with this report's response bytes (same client, same JSON parse): the least any HTTP service in front of Elasticsearch adds. Its share is of the direct (cached) p50.",
    '',
    `Targets: overhead under 10% of Elasticsearch's time at p50; every report under 200 ms at p95 through the API (slowest p95 here: ${p95Max} ms ${p95Max < 200 ? '✓' : '✗'}).`,
    '',
    '| report | API p50 | API p95 | direct p50 | direct p95 | uncached p50 | uncached p95 | overhead p50 | of cached | of uncached | bare hop p50 | bare hop of cached | response |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.api.p50} | ${r.api.p95} | ${r.direct.p50} | ${r.direct.p95} | ${r.directUncached.p50} | ${r.directUncached.p95} | ${r.overheadP50Ms} | ${r.overheadPct}% ${r.overheadPct < 10 ? '✓' : '✗'} | ${r.overheadOfUncachedPct}% | ${r.bareHop.p50} | ${r.bareHopPct}% | ${(r.responseBytes / 1024).toFixed(1)} KB |`,
    ),
    '',
    'All times in milliseconds, wall clock at the caller.',
    '',
  ].join('\n');
  writeFileSync(new URL('reports.md', here), md);
  console.log(md);
}

await main();
