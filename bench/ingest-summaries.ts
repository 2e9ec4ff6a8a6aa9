/**
 * Ingest throughput with the summariser keeping the hourly summaries up to date against ingest
 * without it, `npm run bench -- ingest-summaries [--count N] [--rounds R] [--days D] [--customers
 * default|single] [--out NAME]`.
 *
 * Each round ingests N generated records of a week of its own (in 1997.07; `--days`) twice, in alternating order, in
 * time order and one load per 5,000 records (as the sink commits its batches):
 *   a) alone;
 *   b) with `sightline summarise` running beside it as `npm start` runs it (its own process and state,
 *      passes as often as its default, or `--interval S`), recomputing each hour the loads touch as they land.
 * Each run has customers of its own, known to the summariser, so it maintains their summaries as it
 * does in steady state (a customer it has never seen is rebuilt whole, later: see summaries/state.ts).
 * After (b) the time the summariser needed to catch up with the last load is recorded, and its
 * summaries are checked to count every record. Target: (b) at least 80% of (a)'s records/s.
 * How much the summariser has to do depends on the density: six customers over a week (the default)
 * have about 300 records a customer-hour, where summary documents are nearly as many as the records;
 * one customer over a day (`--days 1 --customers single`) has 12,500, the order of a customer with
 * tens of millions of records a month (20M over 30 days: 28,000 an hour).
 * Writes bench/results/NAME.json and .md (NAME: ingest-summaries), with the load average.
 */
import { Client } from '@elastic/elasticsearch';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CUSTOMER_PRESET_NAMES,
  customersFor,
  generateRecords,
  type CustomerPreset,
} from '../packages/query-api/src/generate';
import { ingest, RejectFile, type SourceItem } from '../packages/query-api/src/ingest';
import { LOAD_LOG_INDEX } from '../packages/query-api/src/pipeline/load-log';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import {
  readSummaryState,
  SUMMARY_STATE_INDEX,
  summaryIndex,
  summaryStateEnsurer,
  writeSummaryState,
} from '../packages/query-api/src/summaries';
import { cleanTestMonth } from '../test/ingest.support';
import { deleteSummaries } from '../test/summaries.support';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '300000' },
    rounds: { type: 'string', default: '2' },
    /** Seconds between the summariser's passes once caught up (its own default, as npm start runs it, when left out). */
    interval: { type: 'string' },
    days: { type: 'string', default: '7' },
    customers: { type: 'string', default: 'default' },
    out: { type: 'string', default: 'ingest-summaries' },
  },
});
if (!(CUSTOMER_PRESET_NAMES as readonly string[]).includes(args.customers))
  throw new Error(`--customers: '${args.customers}' is not one of ${CUSTOMER_PRESET_NAMES.join(', ')}`);
const PRESET = args.customers as CustomerPreset;
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const MONTH = '1997-07';
/** The records' span, ending on the 29th: a week by default, so that each load touches a few hours, as live loads do. */
const DAYS = Number(args.days);
/** Records per load, as the sink's batches hold at most. */
const LOAD_SIZE = 5000;
const PREFIX = 'bench-ingsum-';
const STATE = 'bench-ingest-summaries';
const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '../packages/query-api/bin/sightline.js');
const es = new Client({ node: ES_URL, requestTimeout: 300_000 });
const log = (line: string) => process.stderr.write(`bench ingest-summaries: ${line}\n`);
const load = () => loadavg().map((l) => Math.round(l * 10) / 10);
const MODES = ['alone', 'with the summariser'] as const;
type Mode = (typeof MODES)[number];

interface Run {
  mode: Mode;
  round: number;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  /** With the summariser: seconds from the ingest's end until it had summarised the last load. */
  catchUpSeconds: number | null;
  loadBefore: number[];
  loadAfter: number[];
}

const runPrefix = (mode: Mode, round: number) => `${PREFIX}${mode === 'alone' ? 'a' : 's'}${round}-`;
/** Every run's customers, known to the summariser: it maintains their hours as loads land. */
const KNOWN = MODES.flatMap((mode) =>
  Array.from({ length: ROUNDS }, (_, i) => customersFor(PRESET, runPrefix(mode, i + 1)).map((c) => c.id)),
).flat();

/**
 * Starts `sightline summarise` on the bench's state; resolves once it has said something or had five
 * seconds to start (a pass with nothing to do logs nothing).
 */
function startSummariser(): Promise<ChildProcess> {
  const interval = args.interval ? ['--interval', args.interval] : [];
  const child = spawn(process.execPath, [cli, 'summarise', '--state', STATE, ...interval], {
    env: { ...process.env, ES_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return new Promise((resolve, reject) => {
    const ready = () => {
      clearTimeout(timer);
      child.off('exit', early);
      resolve(child);
    };
    const early = (code: number | null) =>
      reject(new Error(`the summariser exited with ${code} before starting`));
    const timer = setTimeout(ready, 5000);
    child.stdout!.once('data', ready);
    child.stderr!.once('data', ready);
    child.once('exit', early);
  });
}

async function stopSummariser(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/** When the run's last load was logged: the summariser has caught up once its watermark reaches it. */
async function lastLoadAt(prefix: string): Promise<number> {
  await es.indices.refresh({ index: LOAD_LOG_INDEX });
  const response = await es.search({
    index: LOAD_LOG_INDEX,
    size: 0,
    query: { prefix: { stream: `${STATE}/${prefix}` } },
    aggs: { last: { max: { field: '@timestamp' } } },
  });
  const last = (response.aggregations?.last as { value: number | null }).value;
  if (last === null) throw new Error(`no load-log entry for ${STATE}/${prefix}*`);
  return last;
}

/** Waits until the summariser's state has taken in every load up to `loggedAt`, with nothing pending. */
async function caughtUp(loggedAt: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const state = await readSummaryState(es, STATE);
    if (state && state.watermark >= loggedAt && state.pending.length === 0 && !state.backlog?.length)
      return (Date.now() - started) / 1000;
    if (Date.now() - started > 600_000) throw new Error('the summariser did not catch up within 10 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Records the summaries count for the run's customers (`_doc_count` weighs buckets): must be every one. */
async function summarisedRecords(prefix: string): Promise<number> {
  const index = summaryIndex('dimensions');
  await es.indices.refresh({ index });
  const response = await es.search({
    index,
    size: 0,
    query: { prefix: { customer_id: prefix } },
    aggs: { n: { filter: { match_all: {} } } },
  });
  return (response.aggregations?.n as { doc_count: number }).doc_count;
}

/** Sets the summariser's state to start from now: loads before (the other runs') are not its work. */
async function freshState(): Promise<void> {
  const now = Date.now();
  await writeSummaryState(
    es,
    { watermark: now, through: 0, pending: [], customers: KNOWN, updatedAt: now },
    STATE,
  );
}

async function ingestRun(mode: Mode, round: number): Promise<Run> {
  const prefix = runPrefix(mode, round);
  const records = generateRecords({
    seed: `${STATE}-${prefix}`,
    count: COUNT,
    end: new Date(`${MONTH}-29T00:00:00Z`),
    days: DAYS,
    customers: PRESET,
    customerPrefix: prefix,
  });
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-ingsum-')), 'rejects.ndjson'));
  if (mode !== 'alone') await freshState();
  const summariser = mode === 'alone' ? null : await startSummariser();
  const loadBefore = load();
  const started = process.hrtime.bigint();
  // In time order, one load (and load-log entry) per LOAD_SIZE records, as the sink commits batches.
  let read = 0;
  let chunk: SourceItem[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const summary = await ingest(es, {
      items: chunk,
      rejects,
      loadLog: { stream: `${STATE}/${prefix}${read}` },
      bulk: { concurrency: 4, maxDocs: 5000, maxBytes: 8 * 1024 * 1024 },
    });
    read += summary.read;
    chunk = [];
  };
  for (const value of records) {
    chunk.push({ line: read + chunk.length + 1, value });
    if (chunk.length === LOAD_SIZE) await flush();
  }
  await flush();
  const summary = { read };
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let catchUpSeconds: number | null = null;
  if (summariser) {
    try {
      catchUpSeconds = await caughtUp(await lastLoadAt(prefix));
    } finally {
      await stopSummariser(summariser);
    }
  }
  const run: Run = {
    mode,
    round,
    records: summary.read,
    seconds,
    recordsPerSecond: summary.read / seconds,
    catchUpSeconds,
    loadBefore,
    loadAfter: load(),
  };
  log(
    `round ${round}, ${mode}: ${Math.round(run.recordsPerSecond)} records/s (${seconds.toFixed(1)} s)${catchUpSeconds === null ? '' : `, caught up ${catchUpSeconds.toFixed(1)} s later`}; load ${run.loadAfter.join(' ')}`,
  );
  if (summariser) {
    await es.indices.refresh({ index: READ_ALIAS });
    const stored = (await es.count({ index: READ_ALIAS, query: { prefix: { customer_id: prefix } } })).count;
    const counted = await summarisedRecords(prefix);
    if (counted !== stored)
      throw new Error(`the summaries count ${counted} records of ${prefix}*, the index holds ${stored}`);
  }
  return run;
}

async function cleanUp(): Promise<void> {
  await cleanTestMonth(es, PREFIX, MONTH);
  await deleteSummaries(es, PREFIX);
  await es.delete({ index: SUMMARY_STATE_INDEX, id: STATE, refresh: true }, { ignore: [404] });
  const entries = await es.search(
    { index: LOAD_LOG_INDEX, size: 10_000, _source: false, query: { prefix: { stream: `${STATE}/` } } },
    { ignore: [404] },
  );
  const ids = (entries.hits?.hits ?? []).map((h) => h._id!);
  if (ids.length > 0)
    await es.bulk({
      refresh: true,
      operations: ids.map((id) => ({ delete: { _index: LOAD_LOG_INDEX, _id: id } })),
    });
}

async function main(): Promise<void> {
  await cleanUp();
  await summaryStateEnsurer(es)();
  const runs: Run[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++)
      for (const mode of round % 2 === 1 ? MODES : [...MODES].reverse())
        runs.push(await ingestRun(mode, round));
  } finally {
    await cleanUp();
  }
  const rate = (mode: Mode) => {
    const of = runs.filter((r) => r.mode === mode);
    return of.reduce((n, r) => n + r.records, 0) / of.reduce((n, r) => n + r.seconds, 0);
  };
  const alone = rate('alone');
  const withSummariser = rate('with the summariser');
  const report = {
    date: new Date().toISOString(),
    elasticsearch: ES_URL,
    count: COUNT,
    rounds: ROUNDS,
    days: DAYS,
    customers: PRESET,
    runs,
    aloneRecordsPerSecond: alone,
    withSummariserRecordsPerSecond: withSummariser,
    ratio: withSummariser / alone,
    target: 0.8,
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', `${args.out}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const md = [
    '# Ingest with and without the summariser (`npm run bench -- ingest-summaries`)',
    '',
    `${report.date}; ${COUNT.toLocaleString('en-US')} generated records per run (${DAYS === 7 ? 'a week' : `${DAYS} day${DAYS === 1 ? '' : 's'}`} of their own, ${PRESET === 'single' ? 'one customer' : `the \`${PRESET}\` preset's ${customersFor(PRESET).length} customers`} each: ${n(COUNT / DAYS / 24 / customersFor(PRESET).length)} records a customer-hour), in time order, one load of 5,000 records after another as the sink commits its batches, single-node Elasticsearch on two cores shared with other work. The runs alternate round by round; "with the summariser" has \`sightline summarise\` running in its own process, polling the load log ${args.interval ? `every ${args.interval} s` : 'as often as `npm start` has it (its default)'}, from before the ingest starts until it has summarised the last load ("caught up", after the ingest's end). Its summaries are then checked to count every record ingested.`,
    '',
    '| round | run | records/s | seconds | caught up after (s) | load before | load after |',
    '|---:|---|---:|---:|---:|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.round} | ${r.mode} | ${n(r.recordsPerSecond)} | ${r.seconds.toFixed(1)} | ${r.catchUpSeconds === null ? '' : r.catchUpSeconds.toFixed(1)} | ${r.loadBefore.join(' ')} | ${r.loadAfter.join(' ')} |`,
    ),
    '',
    `With the summariser: ${n(withSummariser)} records/s against ${n(alone)} alone, ${Math.round(report.ratio * 100)}% (target at least 80%) ${report.ratio >= 0.8 ? '✓' : '✗'}.`,
    '',
  ].join('\n');
  writeFileSync(join(here, 'results', `${args.out}.md`), md);
  process.stdout.write(md);
}

try {
  await main();
} finally {
  await es.close();
}
