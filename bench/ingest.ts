/**
 * Ingest throughput, `npm run bench -- ingest [--count N] [--concurrency C] [--batch-docs D]`.
 *
 * The same generated records (NDJSON on disk, written before timing) go to Elasticsearch three ways,
 * each into fresh throw-away indices (`sightline-bench-*`, deleted afterwards, never behind the read alias):
 *   a) our ingester: read, parse, normalise, serialise, bulk with retries and backpressure;
 *   b) the official client's helpers.bulk, fed the same parsed and normalised records;
 *   c) the ceiling: bulk bodies serialised beforehand, posted with no per-record work.
 * Writes bench/results/ingest.json and bench/results/ingest.md.
 */
import { Client } from '@elastic/elasticsearch';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRecords, writeNdjson } from '../packages/query-api/src/generate';
import {
  esBulkTransport,
  ingestItems,
  normalise,
  readLines,
  readSource,
  RejectFile,
} from '../packages/query-api/src/ingest';
import { indexTemplate } from '../packages/query-api/src/ingest/template';
import { indexForTimestamp, INDEX_PREFIX } from '../packages/query-api/src/store/mapping';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '4' },
    'batch-docs': { type: 'string', default: '5000' },
    seed: { type: 'string', default: 'bench' },
  },
});
const COUNT = Number(args.count);
const CONCURRENCY = Number(args.concurrency);
const BATCH_DOCS = Number(args['batch-docs']);
const BATCH_BYTES = 8 * 1024 * 1024;
const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const BENCH_PREFIX = 'sightline-bench-ingest';
const here = dirname(fileURLToPath(import.meta.url));
const client = new Client({ node: ES_URL, maxRetries: 0, requestTimeout: 300_000 });
const work = mkdtempSync(join(tmpdir(), 'sightline-bench-ingest-'));
const END = new Date('2026-11-20T00:00:00Z');
const INGESTED_AT = '2026-11-21T00:00:00.000Z';

const log = (line: string) => process.stderr.write(`bench ingest: ${line}\n`);
const benchIndex = (method: string) => (ts: string) =>
  indexForTimestamp(ts).replace(INDEX_PREFIX, `${BENCH_PREFIX}-${method}`);

/** Resident memory, sampled while a run goes, with the peak seen by each milestone (records read). */
class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  readonly atMilestones: Record<string, number> = {};
  constructor() {
    this.timer = setInterval(() => this.sample(), 100);
  }
  sample(): number {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return this.peak;
  }
  mark(read: number, milestones: readonly number[]) {
    for (const m of milestones)
      if (read >= m && !(m in this.atMilestones)) this.atMilestones[m] = this.sample();
  }
  stop(): number {
    clearInterval(this.timer);
    return this.sample();
  }
}

async function prepareInput(): Promise<string> {
  const input = join(work, 'records.ndjson');
  log(`writing ${COUNT} generated records to ${input}`);
  const out = createWriteStream(input);
  await writeNdjson(
    generateRecords({ seed: args.seed!, count: COUNT, end: END, customerPrefix: 'bench-' }),
    out,
  );
  out.end();
  await finished(out);
  return input;
}

/** Serialised after our run, so none of this work's memory counts towards the ingester's RSS. */
async function prepareBodies(input: string): Promise<string[]> {
  log('serialising the ceiling bulk bodies ahead of time');
  mkdirSync(join(work, 'bodies'));
  const bodies: string[] = [];
  const route = benchIndex('ceiling');
  let body = '';
  let docs = 0;
  const flush = () => {
    const file = join(work, 'bodies', `${String(bodies.length).padStart(5, '0')}.ndjson`);
    writeFileSync(file, body);
    bodies.push(file);
    body = '';
    docs = 0;
  };
  for await (const line of readLines(createReadStream(input, { highWaterMark: 1 << 20 }))) {
    const result = normalise(JSON.parse(line), { ingestedAt: INGESTED_AT });
    if (!result.ok) throw new Error(`generated record rejected: ${result.detail}`);
    const r = result.record;
    const doc = `{"index":{"_index":"${route(r.ts)}","_id":${JSON.stringify(r.txid)}}}\n${JSON.stringify(r)}\n`;
    body += doc;
    docs += 1;
    if (docs >= BATCH_DOCS || body.length >= BATCH_BYTES) flush();
  }
  if (docs > 0) flush();
  return bodies;
}

async function resetIndices(): Promise<void> {
  // Wildcard deletes are refused (action.destructive_requires_name): resolve the names first.
  const found = await client.indices.get({
    index: `${BENCH_PREFIX}-*`,
    allow_no_indices: true,
    ignore_unavailable: true,
  });
  const names = Object.keys(found);
  if (names.length > 0) await client.indices.delete({ index: names });
}

async function countIndexed(method: string): Promise<number> {
  const index = `${BENCH_PREFIX}-${method}-*`;
  await client.indices.refresh({ index });
  return (await client.count({ index })).count;
}

interface RunResult {
  method: string;
  docs: number;
  seconds: number;
  docsPerSecond: number;
  peakRssMb?: number;
  rssMbAt?: Record<string, number>;
  /** The bench process's RSS before our run started (client, generator, loader). */
  rssBeforeMb?: number;
}

async function timed(method: string, run: () => Promise<void>): Promise<RunResult> {
  await resetIndices();
  log(`${method}: running`);
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const docs = await countIndexed(method);
  if (docs !== COUNT) throw new Error(`${method} stored ${docs} documents, expected ${COUNT}`);
  const result = { method, docs, seconds, docsPerSecond: docs / seconds };
  log(`${method}: ${Math.round(result.docsPerSecond)} docs/s (${seconds.toFixed(1)} s)`);
  await resetIndices();
  return result;
}

async function ours(input: string): Promise<RunResult> {
  const milestones = [250_000, 500_000, 1_000_000].filter((m) => m <= COUNT);
  if (!milestones.includes(COUNT)) milestones.push(COUNT);
  let sampler: RssSampler | null = null;
  const result = await timed('ours', async () => {
    sampler = new RssSampler();
    const rejects = new RejectFile(join(work, 'ours.rejects.ndjson'));
    const summary = await ingestItems({
      transport: esBulkTransport(client),
      items: readSource(createReadStream(input, { highWaterMark: 1 << 20 })),
      rejects,
      indexName: benchIndex('ours'),
      bulk: { concurrency: CONCURRENCY, maxDocs: BATCH_DOCS, maxBytes: BATCH_BYTES },
      progressEvery: 10_000,
      onProgress: (p) => sampler?.mark(p.read, milestones),
    });
    await rejects.close();
    if (summary.rejected > 0) throw new Error(`our ingester rejected ${summary.rejected} records`);
  });
  const s = sampler as RssSampler | null;
  const peak = s ? s.stop() : 0;
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  return {
    ...result,
    peakRssMb: mb(peak),
    rssMbAt: Object.fromEntries(Object.entries(s?.atMilestones ?? {}).map(([k, v]) => [k, mb(v)])),
  };
}

async function helpersBulk(input: string): Promise<RunResult> {
  const route = benchIndex('helpers');
  async function* records() {
    for await (const line of readLines(createReadStream(input, { highWaterMark: 1 << 20 }))) {
      const result = normalise(JSON.parse(line), { ingestedAt: INGESTED_AT });
      if (result.ok) yield result.record;
    }
  }
  return timed('helpers', async () => {
    const stats = await client.helpers.bulk({
      datasource: records(),
      onDocument: (doc) => ({ index: { _index: route(doc.ts), _id: doc.txid } }),
      concurrency: CONCURRENCY,
      flushBytes: BATCH_BYTES,
      retries: 10,
      wait: 250,
      refreshOnCompletion: false,
    });
    if (stats.failed > 0) throw new Error(`helpers.bulk failed ${stats.failed} documents`);
  });
}

async function ceiling(bodies: string[]): Promise<RunResult> {
  const transport = esBulkTransport(client);
  return timed('ceiling', async () => {
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = readFileSync(bodies[next++]!, 'utf8');
        const response = await transport.bulk(body);
        if (response.status !== 200 || response.body?.errors) {
          throw new Error(
            `ceiling bulk answered ${response.status}${response.body?.errors ? ' with item errors' : ''}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  });
}

async function main() {
  const { name: _schemaTemplate, ...body } = indexTemplate();
  const template = {
    ...body,
    // The schema's template, on the bench pattern and without the read alias: bench data stays invisible.
    name: `${BENCH_PREFIX}-template`,
    index_patterns: [`${BENCH_PREFIX}-*`],
    priority: 200,
    template: { settings: body.template.settings, mappings: body.template.mappings },
  };
  await client.indices.putIndexTemplate(template);
  try {
    const input = await prepareInput();
    const rssBeforeMb = Math.round(process.memoryUsage.rss() / 1024 / 1024);
    const a0 = await ours(input);
    const bodies = await prepareBodies(input);
    const results = [{ ...a0, rssBeforeMb }, await helpersBulk(input), await ceiling(bodies)];
    const [a, b, c] = results as [RunResult, RunResult, RunResult];
    const report = {
      date: new Date().toISOString(),
      elasticsearch: ES_URL,
      count: COUNT,
      concurrency: CONCURRENCY,
      batchDocs: BATCH_DOCS,
      batchBytes: BATCH_BYTES,
      results,
      ratioToCeiling: { ours: a.docsPerSecond / c.docsPerSecond, helpers: b.docsPerSecond / c.docsPerSecond },
      oursVsHelpers: a.docsPerSecond / b.docsPerSecond,
    };
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'ingest.json'), `${JSON.stringify(report, null, 2)}\n`);
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const md = [
      '# Ingest benchmark',
      '',
      `${COUNT.toLocaleString('en-US')} generated records, concurrency ${CONCURRENCY}, batches of ${BATCH_DOCS} docs / ${BATCH_BYTES / 1048576} MB,`,
      `Elasticsearch at ${ES_URL}, ${report.date}. Each method writes fresh indices (deleted afterwards).`,
      '',
      '| method | docs/s | seconds | vs ceiling |',
      '|---|---:|---:|---:|',
      ...results.map(
        (r) =>
          `| ${r.method} | ${Math.round(r.docsPerSecond).toLocaleString('en-US')} | ${r.seconds.toFixed(1)} | ${pct(r.docsPerSecond / c.docsPerSecond)} |`,
      ),
      '',
      `Our ingester vs helpers.bulk: ${report.oursVsHelpers.toFixed(2)}×.`,
      '',
      `Our ingester's peak RSS: ${a.peakRssMb} MB overall (${a.rssBeforeMb} MB before it started); by records read: ${Object.entries(
        a.rssMbAt ?? {},
      )
        .map(([k, v]) => `${Number(k).toLocaleString('en-US')} → ${v} MB`)
        .join(', ')}.`,
      '',
      '- ours: read NDJSON, parse, normalise and flag, serialise, bulk with backpressure and retries.',
      '- helpers: `client.helpers.bulk` fed the same parsed and normalised records.',
      '- ceiling: bodies serialised before timing, posted with no per-record work.',
      '',
    ].join('\n');
    writeFileSync(join(here, 'results', 'ingest.md'), md);
    process.stdout.write(md);
  } finally {
    await resetIndices();
    await client.indices.deleteIndexTemplate({ name: template.name }).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    await client.close();
  }
}

await main();
