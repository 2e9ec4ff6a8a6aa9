/**
 * The summariser's memory on a busy customer, `npm run bench -- summarise [--customer ID] [--hours H] [--rounds R]`.
 *
 * Recomputes the same H hours of an existing customer's summaries (by default the scale benchmark's
 * 10M customer, `npm run bench -- scale` loads it) two ways, alternating round by round:
 *   a) chunks of twelve hours whatever they hold (the summariser before chunks were bounded by records);
 *   b) chunks of twelve hours or CHUNK_LIMITS.records records, whichever is fewer (what it does now).
 * Each run starts after a full garbage collection; the heap in use is sampled every 5 ms. A recompute
 * writes the documents that are already there (same ids, same counts), so the summaries are unchanged.
 * Writes bench/results/summarise.json and bench/results/summarise.md, with the load average.
 */
import { Client } from '@elastic/elasticsearch';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import type { ChunkLimits } from '../packages/query-api/src/summaries/chunks';
import { CHUNK_LIMITS, summariseWindow } from '../packages/query-api/src/summaries/store';

const { values: args } = parseArgs({
  options: {
    customer: { type: 'string', default: 'scale10m-acme' },
    hours: { type: 'string', default: '24' },
    rounds: { type: 'string', default: '3' },
  },
});
const CUSTOMER = args.customer;
const HOURS = Number(args.hours);
const ROUNDS = Number(args.rounds);
const HOUR_MS = 3_600_000;
const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const here = dirname(fileURLToPath(import.meta.url));
const es = new Client({ node: ES_URL, requestTimeout: 300_000 });
const log = (line: string) => process.stderr.write(`bench summarise: ${line}\n`);
const load = () => loadavg().map((l) => Math.round(l * 10) / 10);
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MODES: { name: string; limits: ChunkLimits }[] = [
  { name: 'twelve hours a chunk', limits: { hours: CHUNK_LIMITS.hours, records: Infinity } },
  {
    name: `twelve hours or ${CHUNK_LIMITS.records.toLocaleString('en-US')} records a chunk`,
    limits: CHUNK_LIMITS,
  },
];

interface Run {
  mode: string;
  round: number;
  seconds: number;
  peakHeapMb: number;
  written: number;
  loadBefore: number[];
}

/** The H whole hours ending a day before the customer's last record: closed, and full of records. */
async function window(): Promise<{ from: number; to: number; records: number }> {
  const response = await es.search({
    index: READ_ALIAS,
    size: 0,
    query: { term: { customer_id: CUSTOMER } },
    aggs: { last: { max: { field: 'ts' } } },
  });
  const last = (response.aggregations?.last as { value: number | null }).value;
  if (last === null)
    throw new Error(`no records of ${CUSTOMER}: run npm run bench -- scale first, or name --customer`);
  const to = Math.floor((last - 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const from = to - HOURS * HOUR_MS;
  const { count } = await es.count({
    index: READ_ALIAS,
    query: {
      bool: {
        filter: [
          { term: { customer_id: CUSTOMER } },
          { range: { ts: { gte: from, lt: to, format: 'epoch_millis' } } },
        ],
      },
    },
  });
  return { from, to, records: count };
}

async function measure(limits: ChunkLimits, span: { from: number; to: number }) {
  gc();
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const started = performance.now();
  try {
    const done = await summariseWindow(es, CUSTOMER, span, limits);
    return { seconds: (performance.now() - started) / 1000, peakHeapMb: peak / MB, written: done.written };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  try {
    const span = await window();
    log(
      `${CUSTOMER}: ${span.records.toLocaleString('en-US')} records in ${HOURS} hours from ${new Date(span.from).toISOString()}`,
    );
    const runs: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which goes first, so neither always meets a cold or a warm cache.
      const order = round % 2 === 1 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const loadBefore = load();
        const result = await measure(mode.limits, span);
        runs.push({ mode: mode.name, round, ...result, loadBefore });
        log(
          `round ${round}, ${mode.name}: ${result.seconds.toFixed(1)} s, peak heap ${result.peakHeapMb.toFixed(0)} MB`,
        );
      }
    }
    const of = (mode: string, pick: (r: Run) => number) => {
      const values = runs
        .filter((r) => r.mode === mode)
        .map(pick)
        .sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)]!;
    };
    const report = {
      date: new Date().toISOString(),
      esUrl: ES_URL,
      customer: CUSTOMER,
      hours: HOURS,
      records: span.records,
      chunkLimits: CHUNK_LIMITS,
      runs,
      medians: MODES.map((m) => ({
        mode: m.name,
        seconds: of(m.name, (r) => r.seconds),
        peakHeapMb: of(m.name, (r) => r.peakHeapMb),
      })),
      target: { peakHeapMb: 160, note: 'the heap npm start gives each daemon (SIGHTLINE_DAEMON_HEAP_MB)' },
    };
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'summarise.json'), `${JSON.stringify(report, null, 2)}\n`);
    const md = [
      '# Summariser memory benchmark',
      '',
      `${HOURS} hours of ${CUSTOMER} (${span.records.toLocaleString('en-US')} records, ${Math.round(span.records / HOURS).toLocaleString('en-US')} an hour), recomputed`,
      `with both ways of cutting a window into chunks, alternating, Elasticsearch at ${ES_URL}, ${report.date}.`,
      'Peak heap: the most `heapUsed` sampled every 5 ms after a full collection, garbage not yet collected',
      'included. The daemons run with a 160 MB heap (SIGHTLINE_DAEMON_HEAP_MB). Two cores, shared.',
      '',
      '| round | chunks | seconds | peak heap MB | documents written | load before |',
      '|---:|---|---:|---:|---:|---|',
      ...runs.map(
        (r) =>
          `| ${r.round} | ${r.mode} | ${r.seconds.toFixed(1)} | ${r.peakHeapMb.toFixed(0)} | ${r.written.toLocaleString('en-US')} | ${r.loadBefore.join(' ')} |`,
      ),
      '',
      'Medians:',
      '',
      ...report.medians.map(
        (m) => `- ${m.mode}: ${m.seconds.toFixed(1)} s, peak heap ${m.peakHeapMb.toFixed(0)} MB`,
      ),
      '',
    ].join('\n');
    writeFileSync(join(here, 'results', 'summarise.md'), md);
    process.stdout.write(md);
  } finally {
    await es.close();
  }
}

await main();
