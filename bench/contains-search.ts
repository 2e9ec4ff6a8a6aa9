/**
 * Contains-search cost, `npm run bench -- contains-search [--terms N]`.
 *
 * A `search` filter matches a case-insensitive substring with a leading-wildcard query on the field's
 * lower-cased keyword (`*text*`), which walks every term of the field in every segment, across all
 * customers, before the customer filter narrows anything. This measures that against the cheaper
 * queries the same lower-cased keyword supports without a mapping change (this node has no n-gram
 * tokenizer and no `wildcard` field type): a prefix (`text*`, a seek in the sorted terms), on an
 * index of N distinct values (default 500,000 user names over 50 customers), with the shard request
 * and query caches cleared before each of 40 runs after a warm-up. Reports Elasticsearch's `took` (p50, p95).
 * Writes bench/results/contains-search.json and .md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { estypes } from '@elastic/elasticsearch';
import { createEsClient } from '../packages/query-api/src/server';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const INDEX = 'sightline-bench-contains';
const arg = process.argv.indexOf('--terms');
const TERMS = arg > 0 ? Number(process.argv[arg + 1]) : 500_000;
const RUNS = 40;
const here = dirname(fileURLToPath(import.meta.url));
const es = createEsClient(ES_URL, { requestTimeoutMs: 120_000 });

const FIRST = [
  'anna',
  'bob',
  'carla',
  'dmitri',
  'emma',
  'farid',
  'grace',
  'hiro',
  'ines',
  'jonas',
  'kofi',
  'lena',
];
const LAST = [
  'smith',
  'garcia',
  'muller',
  'rossi',
  'kowalski',
  'tanaka',
  'silva',
  'novak',
  'jensen',
  'okafor',
];

async function ensureIndex(): Promise<void> {
  const exists = await es.indices.exists({ index: INDEX });
  if (exists && (await es.count({ index: INDEX })).count === TERMS) return;
  await es.indices.delete({ index: INDEX, ignore_unavailable: true });
  await es.indices.create({
    index: INDEX,
    settings: {
      number_of_shards: 1,
      number_of_replicas: 0,
      refresh_interval: -1,
      analysis: { normalizer: { lower: { type: 'custom', filter: ['lowercase'] } } },
    },
    mappings: {
      properties: {
        customer_id: { type: 'keyword' },
        name: { type: 'keyword', fields: { lower: { type: 'keyword', normalizer: 'lower' } } },
      },
    },
  });
  const batch = 10_000;
  for (let start = 0; start < TERMS; start += batch) {
    const operations: object[] = [];
    for (let i = start; i < Math.min(TERMS, start + batch); i++) {
      // Customers are i % 50; names vary within each customer by the rest of i.
      const k = Math.floor(i / 50);
      const name = `${FIRST[k % FIRST.length]}.${LAST[Math.floor(k / FIRST.length) % LAST.length]}${i}@Example-${k % 97}.com`;
      operations.push({ index: { _index: INDEX, _id: String(i) } }, { customer_id: `c${i % 50}`, name });
    }
    await es.bulk({ operations });
  }
  await es.indices.refresh({ index: INDEX });
  await es.indices.forcemerge({ index: INDEX, max_num_segments: 1 });
}

type Query = estypes.QueryDslQueryContainer;

async function time(query: Query): Promise<{ p50: number; p95: number; hits: number }> {
  const search = () =>
    es.search({
      index: INDEX,
      size: 0,
      request_cache: false,
      track_total_hits: true,
      query: { bool: { filter: [{ term: { customer_id: 'c7' } }, query] } },
    });
  for (let i = 0; i < 5; i++) await search();
  const took: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    // The node query cache keeps a filter's matches per segment: each run must do the work again.
    await es.indices.clearCache({ index: INDEX, query: true, request: true });
    const r = await search();
    took.push(r.took);
    hits = typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0);
  }
  took.sort((a, b) => a - b);
  return { p50: took[Math.floor(RUNS / 2)]!, p95: took[Math.floor(RUNS * 0.95)]!, hits };
}

await ensureIndex();
const texts = ['smi', 'bob.smith', 'example-42.com'];
const rows: { text: string; query: string; p50: number; p95: number; hits: number }[] = [];
for (const text of texts) {
  const variants: [string, Query][] = [
    ['contains (*text*)', { wildcard: { 'name.lower': { value: `*${text}*` } } }],
    ['prefix (text*)', { prefix: { 'name.lower': { value: text } } }],
    ['exact', { term: { 'name.lower': text } }],
  ];
  for (const [query, q] of variants) rows.push({ text, query, ...(await time(q)) });
}
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
  terms: TERMS,
  runs: RUNS,
  rows,
};
writeFileSync(join(here, 'results/contains-search.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  join(here, 'results/contains-search.md'),
  `# Contains-search cost

${result.date}, ${result.machine.cpus} CPUs, load ${result.machine.loadavg.join(' / ')}.
${TERMS.toLocaleString('en-US')} distinct lower-cased values, one segment, one customer's filter; Elasticsearch \`took\` over ${RUNS} runs, caches cleared before each.

| text | query | p50 ms | p95 ms | hits |
|---|---|---|---|---|
${rows.map((r) => `| \`${r.text}\` | ${r.query} | ${r.p50} | ${r.p95} | ${r.hits} |`).join('\n')}
`,
);
console.log(JSON.stringify(result, null, 2));
// The index is large and only this benchmark reads it.
await es.indices.delete({ index: INDEX, ignore_unavailable: true });
await es.close();
