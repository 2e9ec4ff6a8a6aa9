/**
 * Rate limit overhead, `npm run bench -- rate-limit [--requests N]`.
 *
 * What the per-token and failed-authentication limits add to a request: the same cheap authenticated
 * route (GET /api/fields, no Elasticsearch search) served in-process by the app without limits and with
 * the limits counting in Elasticsearch (the shared store every instance syncs with, twice a second),
 * alternating in rounds so both see the same machine. Also the cost of one sync (a real-time multi-get
 * and a bulk write with optimistic concurrency), which runs in the background, off the request path.
 * Writes bench/results/rate-limit.json and bench/results/rate-limit.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { EsCounterStore } from '../packages/query-api/src/server/rate-limit/counter-store';
import { SharedRateLimiter } from '../packages/query-api/src/server/rate-limit/limiter';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const INDEX = 'sightline-ratelimit-bench';
const arg = process.argv.indexOf('--requests');
const REQUESTS = arg > 0 ? Number(process.argv[arg + 1]) : 20_000;
const ROUNDS = 5;
const TOKENS = Array.from({ length: 20 }, (_, i) => `bench-rl-${i}`);
const here = dirname(fileURLToPath(import.meta.url));

const es = createEsClient(ES_URL);
await es.indices.delete({ index: INDEX, ignore_unavailable: true });
const tokens = createTokenStore(
  TOKENS.map((t) => ({ name: t, sha256: hashToken(t), customer: 'bench-rl', admin: false })),
);
const plain = createApp({ es, tokens });
const store = new EsCounterStore(es, INDEX);
let syncs = 0;
let syncMs = 0;
const timedStore = {
  add: async (window: number, deltas: ReadonlyMap<string, number>) => {
    const t = performance.now();
    try {
      return await store.add(window, deltas);
    } finally {
      syncs++;
      syncMs += performance.now() - t;
    }
  },
};
const limiter = new SharedRateLimiter({ store: timedStore, syncIntervalMs: 500 });
// Limits high enough never to refuse: this measures the counting, not the refusals.
const limited = createApp({
  es,
  tokens,
  rateLimits: {
    limiter,
    perToken: { name: 'token', limit: 1e9, windowSeconds: 60 },
    failedAuth: { name: 'failed-auth', limit: 1e9, windowSeconds: 60 },
  },
});

async function run(app: typeof plain, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const token = TOKENS[i % TOKENS.length]!;
    const t = performance.now();
    const response = await app.request('/api/fields', { headers: { Authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    times.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
    // In-process requests never wait for I/O: let timers (the limiter's sync) run as a server's would.
    if (i % 100 === 99) await new Promise((r) => setImmediate(r));
  }
  return times;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const us = (ms: number) => Math.round(ms * 1000 * 10) / 10;

await run(plain, 2000);
await run(limited, 2000);
const samples = { plain: [] as number[], limited: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  samples.plain.push(...(await run(plain, REQUESTS / ROUNDS)));
  samples.limited.push(...(await run(limited, REQUESTS / ROUNDS)));
}
await limiter.sync();
limiter.close();

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    meanUs: us(times.reduce((a, b) => a + b, 0) / times.length),
    p50Us: us(pct(sorted, 0.5)),
    p99Us: us(pct(sorted, 0.99)),
  };
};
const plainStats = summary(samples.plain);
const limitedStats = summary(samples.limited);
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
  requests: REQUESTS,
  tokens: TOKENS.length,
  plain: plainStats,
  limited: limitedStats,
  overheadUs: {
    mean: Math.round((limitedStats.meanUs - plainStats.meanUs) * 10) / 10,
    p50: Math.round((limitedStats.p50Us - plainStats.p50Us) * 10) / 10,
  },
  sync: { count: syncs, meanMs: Math.round((syncMs / Math.max(1, syncs)) * 10) / 10 },
};
writeFileSync(join(here, 'results/rate-limit.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  join(here, 'results/rate-limit.md'),
  `# Rate limit overhead

${result.date}, ${result.machine.cpus} CPUs, load ${result.machine.loadavg.join(' / ')}.
${REQUESTS} requests each way to GET /api/fields (in-process, ${TOKENS.length} tokens), alternating in ${ROUNDS} rounds.

| | mean | p50 | p99 |
|---|---|---|---|
| without limits | ${plainStats.meanUs} µs | ${plainStats.p50Us} µs | ${plainStats.p99Us} µs |
| with limits (counters in Elasticsearch) | ${limitedStats.meanUs} µs | ${limitedStats.p50Us} µs | ${limitedStats.p99Us} µs |
| **overhead per request** | **${result.overheadUs.mean} µs** | **${result.overheadUs.p50} µs** | |

Background syncs (off the request path): ${syncs}, ${result.sync.meanMs} ms each on average
(one real-time multi-get and one bulk write for all ${TOKENS.length} keys).
`,
);
console.log(JSON.stringify(result, null, 2));
await es.indices.delete({ index: INDEX, ignore_unavailable: true });
await es.close();
