/**
 * Reprocess throughput against file ingest, `npm run bench -- reprocess [--count N] [--rounds R]`.
 *
 * One month of its own (1997.05) and N generated records (NDJSON on disk, written before timing).
 * Each round, one after the other on the same machine:
 *   a) file ingest as `sightline ingest FILE` does it: read, normalise, bulk through the month's write
 *      alias into a fresh original version, the accepted lines into the raw archive, the load log;
 *   b) reprocess of the month from that archive into a new version (`sightline reprocess`), which
 *      is then deleted.
 * Then the time to fingerprint the month (the search `sightline versions` and `switch` compare),
 * and of an existing larger month with --fingerprint-index <version> (read only).
 * Writes bench/results/reprocess.json and bench/results/reprocess.md, with the load average.
 */
import { Client, type estypes } from '@elastic/elasticsearch';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRecords, writeNdjson } from '../packages/query-api/src/generate';
import { ingest, readSource, RejectFile } from '../packages/query-api/src/ingest';
import { FileArchive } from '../packages/query-api/src/pipeline/archive/file-archive';
import { pipelineConfigFrom } from '../packages/query-api/src/pipeline/config';
import { LOAD_LOG_INDEX } from '../packages/query-api/src/pipeline/load-log';
import { originalVersion, versionsPattern } from '../packages/query-api/src/versions/names';
import { SWITCHES_INDEX, VERSIONS_INDEX } from '../packages/query-api/src/versions/registry';
import { fingerprintOf, reprocessPeriod } from '../packages/query-api/src/versions/reprocess';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '2' },
    fingerprints: { type: 'string', default: '5' },
    /** An existing month's version (read only) to fingerprint as well: a larger period than --count. */
    'fingerprint-index': { type: 'string' },
  },
});
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const FINGERPRINTS = Number(args.fingerprints);
const PERIOD = '1997.05';
const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const here = dirname(fileURLToPath(import.meta.url));
const es = new Client({ node: ES_URL, requestTimeout: 300_000 });
const work = mkdtempSync(join(tmpdir(), 'sightline-bench-reprocess-'));
const archiveDir = join(work, 'archive');
const input = join(work, 'records.ndjson');
const log = (line: string) => process.stderr.write(`bench reprocess: ${line}\n`);
const load = () => loadavg().map((l) => Math.round(l * 10) / 10);

interface Run {
  kind: 'file ingest' | 'reprocess';
  round: number;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  loadBefore: number[];
  loadAfter: number[];
}

async function deleteVersions(): Promise<void> {
  const found = (await es.cat.indices({ index: versionsPattern(PERIOD), format: 'json', h: 'index' })) as {
    index: string;
  }[];
  if (found.length > 0) await es.indices.delete({ index: found.map((v) => v.index) });
}

async function deleteDocs(index: string, query: estypes.QueryDslQueryContainer): Promise<void> {
  if (!(await es.indices.exists({ index }))) return;
  await es.indices.refresh({ index });
  for (;;) {
    const found = await es.search({ index, size: 10_000, _source: false, query });
    if (found.hits.hits.length === 0) return;
    await es.bulk({
      refresh: true,
      operations: found.hits.hits.map((h) => ({ delete: { _index: index, _id: h._id! } })),
    });
  }
}

async function cleanUp(): Promise<void> {
  await deleteVersions();
  await deleteDocs(VERSIONS_INDEX, { term: { period: PERIOD } });
  await deleteDocs(SWITCHES_INDEX, { term: { period: PERIOD } });
  await deleteDocs(LOAD_LOG_INDEX, {
    bool: { should: [{ term: { stream: input } }, { term: { stream: `archive/${input}` } }] },
  });
  rmSync(archiveDir, { recursive: true, force: true });
}

async function count(index: string): Promise<number> {
  await es.indices.refresh({ index });
  return (await es.count({ index })).count;
}

function run(kind: Run['kind'], round: number, records: number, started: bigint, loadBefore: number[]): Run {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const r = {
    kind,
    round,
    records,
    seconds,
    recordsPerSecond: records / seconds,
    loadBefore,
    loadAfter: load(),
  };
  log(
    `round ${round}: ${kind}: ${Math.round(r.recordsPerSecond)} records/s (${seconds.toFixed(1)} s, load ${r.loadAfter.join(' ')})`,
  );
  return r;
}

/** As `sightline ingest FILE` does it, into a fresh original version of the month. */
async function fileIngest(round: number): Promise<Run> {
  await cleanUp();
  const loadBefore = load();
  const started = process.hrtime.bigint();
  const archive = await FileArchive.open(archiveDir, input);
  const rejects = new RejectFile(join(work, 'rejects.ndjson'));
  const summary = await ingest(es, {
    items: readSource(createReadStream(input, { highWaterMark: 1 << 20 })),
    rejects,
    loadLog: { stream: input },
    onAccepted: (item) => archive.add(item),
    bulk: { concurrency: 4, maxDocs: 5000, maxBytes: 8 * 1024 * 1024 },
  });
  await archive.commit(es);
  const result = run('file ingest', round, summary.read, started, loadBefore);
  const stored = await count(originalVersion(PERIOD));
  if (stored !== COUNT) throw new Error(`file ingest stored ${stored} records, expected ${COUNT}`);
  return result;
}

async function reprocess(round: number): Promise<Run> {
  const loadBefore = load();
  const started = process.hrtime.bigint();
  const built = await reprocessPeriod({ es, config: pipelineConfigFrom(), period: PERIOD, archiveDir });
  const result = run('reprocess', round, built.read, started, loadBefore);
  if (built.ranges !== 0) throw new Error(`reprocess read ${built.ranges} firehose ranges: expected none`);
  const stored = await count(built.index);
  if (stored !== COUNT) throw new Error(`reprocess stored ${stored} records, expected ${COUNT}`);
  await es.indices.delete({ index: built.index });
  return result;
}

async function fingerprintTimes(index: string, expected?: number): Promise<{ rows: number; ms: number[] }> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < FINGERPRINTS; i++) {
    const started = process.hrtime.bigint();
    const fingerprint = await fingerprintOf(es, index);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
    rows = fingerprint.rows;
    if (expected !== undefined && rows !== expected)
      throw new Error(`fingerprint counted ${rows} rows, expected ${expected}`);
  }
  log(`fingerprint of ${index} (${rows} records): ${ms.map((t) => `${Math.round(t)} ms`).join(', ')}`);
  return { rows, ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  try {
    log(`writing ${COUNT} generated records of ${PERIOD} to ${input}`);
    const out = createWriteStream(input);
    await writeNdjson(
      generateRecords({
        seed: 'bench-reprocess',
        count: COUNT,
        end: new Date('1997-05-30T00:00:00Z'),
        days: 28,
        customerPrefix: 'bench-reprocess-',
      }),
      out,
    );
    out.end();
    await finished(out);

    const runs: Run[] = [];
    const fingerprints: { index: string; rows: number; ms: number[]; medianMs: number }[] = [];
    const fingerprint = async (index: string, expected?: number) => {
      const { rows, ms } = await fingerprintTimes(index, expected);
      fingerprints.push({ index, rows, ms, medianMs: median(ms) });
    };
    for (let round = 1; round <= ROUNDS; round++) {
      runs.push(await fileIngest(round));
      if (round === ROUNDS) await fingerprint(originalVersion(PERIOD), COUNT);
      runs.push(await reprocess(round));
    }
    if (args['fingerprint-index']) await fingerprint(args['fingerprint-index']);
    const rate = (kind: Run['kind']) => {
      const of = runs.filter((r) => r.kind === kind);
      return of.reduce((n, r) => n + r.records, 0) / of.reduce((n, r) => n + r.seconds, 0);
    };
    const ingestRate = rate('file ingest');
    const reprocessRate = rate('reprocess');
    const report = {
      date: new Date().toISOString(),
      elasticsearch: ES_URL,
      count: COUNT,
      rounds: ROUNDS,
      runs,
      fileIngestRecordsPerSecond: ingestRate,
      reprocessRecordsPerSecond: reprocessRate,
      reprocessVsIngest: reprocessRate / ingestRate,
      loadAverage: load(),
      fingerprints,
      targets: { reprocessVsIngest: 0.8, fingerprintMs: 5000 },
    };
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'reprocess.json'), `${JSON.stringify(report, null, 2)}\n`);
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const md = [
      '# Reprocess benchmark',
      '',
      `${COUNT.toLocaleString('en-US')} generated records of one month, Elasticsearch at ${ES_URL}, ${report.date}.`,
      'File ingest and reprocess alternate, round by round, on the same records: each ingest writes a',
      'fresh original version and archives the accepted lines; each reprocess rebuilds the month from',
      'that archive into a new version (deleted afterwards). Load average (1, 5, 15 min) before and after each run:',
      'two cores, shared with other sessions.',
      '',
      '| round | run | records/s | seconds | load before | load after |',
      '|---:|---|---:|---:|---|---|',
      ...runs.map(
        (r) =>
          `| ${r.round} | ${r.kind} | ${n(r.recordsPerSecond)} | ${r.seconds.toFixed(1)} | ${r.loadBefore.join(' ')} | ${r.loadAfter.join(' ')} |`,
      ),
      '',
      `Reprocess vs file ingest: ${n(reprocessRate)} vs ${n(ingestRate)} records/s, ${Math.round(report.reprocessVsIngest * 100)}% (target at least 80%).`,
      '',
      `Fingerprint of a month (one aggregation search), ${FINGERPRINTS} times each (target under 5 s for 1M records):`,
      '',
      '| version | records | median ms | each (ms) |',
      '|---|---:|---:|---|',
      ...fingerprints.map(
        (f) => `| ${f.index} | ${n(f.rows)} | ${n(f.medianMs)} | ${f.ms.map(n).join(', ')} |`,
      ),
      '',
    ].join('\n');
    writeFileSync(join(here, 'results', 'reprocess.md'), md);
    process.stdout.write(md);
  } finally {
    await cleanUp();
    rmSync(work, { recursive: true, force: true });
    await es.close();
  }
}

await main();
