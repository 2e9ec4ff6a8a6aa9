import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFLICTS_INDEX } from '../packages/query-api/src/ingest/conflicts';
import { pipelineLag } from '../packages/query-api/src/pipeline/kafka';
import { runSink } from '../packages/query-api/src/pipeline/kafka/sink';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../packages/query-api/src/pipeline/load-log';
import { PAUSES_INDEX, PauseStore, PauseWatch } from '../packages/query-api/src/pipeline/pauses';
import { QUALITY_INDEX } from '../packages/query-api/src/pipeline/quality';
import { QUALITY_WATCH_STATE_INDEX, watchOnce } from '../packages/query-api/src/pipeline/quality/watch';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { cleanTestMonth, deleteWhere, esClient } from './ingest.support';
import { createTestTopics, dropTestPipeline, publishRaw, sightlineBin, testPipeline } from './kafka.support';
import { loginAttempt } from './records.support';

/** This file's month (its own index), customers, topics, group, load-log streams and watch state. */
const MONTH = '2011-10';
const PREFIX = 'itest-hold-';
const config = testPipeline('hold');
const es = esClient();
const held = `${config.firehoseTopic}/0`;
const flowing = `${config.firehoseTopic}/1`;
const stateId = `itest-hold-${config.indexerGroup}`;

/** A login attempt of the partition's own customer (the key the sink checks the record against). */
function attempt(partition: number, n: number, over: Record<string, unknown> = {}) {
  const customer = `${PREFIX}p${partition}`;
  const ts = `${MONTH}-10T10:${String(n % 60).padStart(2, '0')}:00Z`;
  return { key: customer, value: JSON.stringify(loginAttempt(customer, n, ts, over)), partition };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function lagOf(partition: number): Promise<number> {
  return (await pipelineLag(config)).partitions.find((p) => p.partition === partition)?.lag ?? -1;
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(250);
  }
}

/** How many times each of the partition's txids is stored (none missing reads as 0). */
async function storedCounts(partition: number, ns: number[]): Promise<number[]> {
  await es.indices.refresh({ index: READ_ALIAS });
  const txids = ns.map((n) => `${PREFIX}p${partition}-${n}`);
  const found = await es.search<{ txid: string }>({
    index: READ_ALIAS,
    size: 10_000,
    _source: ['txid'],
    query: { terms: { txid: txids } },
  });
  const hits = found.hits.hits.map((h) => h._source!.txid);
  return txids.map((t) => hits.filter((h) => h === t).length);
}

async function loads(stream: string): Promise<Pick<LoadLogEntry, 'read' | 'stored' | 'conflicts'>> {
  await es.indices.refresh({ index: LOAD_LOG_INDEX });
  const found = await es.search<LoadLogEntry>({
    index: LOAD_LOG_INDEX,
    size: 1000,
    query: { term: { stream } },
  });
  const all = found.hits.hits.map((h) => h._source!);
  const sum = (k: 'read' | 'stored' | 'conflicts') => all.reduce((n, e) => n + (e[k] ?? 0), 0);
  return { read: sum('read'), stored: sum('stored'), conflicts: sum('conflicts') };
}

function startSink() {
  const stop = new AbortController();
  const lines: string[] = [];
  const done = runSink({
    config,
    es,
    signal: stop.signal,
    log: (line) => lines.push(line),
    sessionTimeoutMs: 6000,
    pauses: new PauseWatch(new PauseStore(es), 200),
    pauseCheckMs: 200,
  });
  return {
    lines,
    stop: async () => {
      stop.abort();
      await done;
    },
  };
}

beforeAll(async () => {
  await cleanTestMonth(es, PREFIX, MONTH);
  await createTestTopics(config, 2);
});
afterAll(async () => {
  await cleanTestMonth(es, PREFIX, MONTH);
  const streams = { prefix: { stream: `${config.firehoseTopic}/` } };
  await deleteWhere(es, LOAD_LOG_INDEX, streams);
  await deleteWhere(es, PAUSES_INDEX, { prefix: { source: `${config.firehoseTopic}/` } });
  await deleteWhere(es, QUALITY_INDEX, { prefix: { source: `${config.firehoseTopic}/` } });
  await deleteWhere(es, QUALITY_INDEX, { prefix: { source: `customer:${PREFIX}` } });
  await deleteWhere(es, CONFLICTS_INDEX, { prefix: { customer_id: PREFIX } });
  await es.delete({ index: QUALITY_WATCH_STATE_INDEX, id: stateId }, { ignore: [404] });
  await dropTestPipeline(config);
  await es.close();
});

describe('a firehose partition paused by a quality check', () => {
  it(
    'is held by the sink: its records wait in Kafka while the other partitions flow, and after the resume each is stored once',
    { timeout: 300_000 },
    async () => {
      let sink = startSink();
      try {
        await publishRaw(config, [
          ...range(0, 20).map((n) => attempt(0, n)),
          ...range(0, 20).map((n) => attempt(1, n)),
        ]);
        // A copy of a stored txid with other content: the duplicates check (policy pause) fails on partition 0.
        await until(
          'both partitions are stored',
          async () => (await lagOf(0)) === 0 && (await lagOf(1)) === 0,
        );
        await publishRaw(config, [attempt(0, 3, { result: 'denied', reason: 'no_response' })]);
        await until('the forged copy is read', async () => (await lagOf(0)) === 0);

        let paused: string[] = [];
        await until('the quality watch pauses the partition', async () => {
          const pass = await watchOnce({
            es,
            now: new Date(),
            scheduleMs: 3_600_000,
            stateId,
            streamPrefix: `${config.firehoseTopic}/`,
            customerPrefix: PREFIX,
            firehoseTopic: config.firehoseTopic,
          });
          paused = pass.paused;
          return paused.length > 0;
        });
        expect(paused).toEqual([held]);
        await until('the sink holds it', async () => sink.lines.some((l) => l.includes(`holding ${held}`)));

        await publishRaw(config, [
          ...range(20, 50).map((n) => attempt(0, n)),
          ...range(20, 50).map((n) => attempt(1, n)),
        ]);
        await until('the other partition is stored', async () => (await lagOf(1)) === 0);
        // Several pause checks and fetches later, the held partition has still not been read.
        await sleep(2000);
        expect(await lagOf(0)).toBe(30);
        expect(await storedCounts(0, range(20, 50))).toEqual(range(20, 50).map(() => 0));
        expect(await storedCounts(1, range(0, 50))).toEqual(range(0, 50).map(() => 1));

        // A sink that starts while the partition is paused holds it from its join.
        await sink.stop();
        sink = startSink();
        await until('the new sink holds it', async () =>
          sink.lines.some((l) => l.includes(`holding ${held}`)),
        );
        await sleep(2000);
        expect(await lagOf(0)).toBe(30);

        const resume = spawnSync(
          process.execPath,
          [sightlineBin, 'quality', 'resume', held, '--reason', 'the forged copy was looked at'],
          { encoding: 'utf8', timeout: 60_000 },
        );
        expect(resume.stderr).toBe('');
        expect(resume.status).toBe(0);
        await until('the held partition is stored', async () => (await lagOf(0)) === 0);
      } finally {
        await sink.stop();
      }

      expect(await storedCounts(0, range(0, 50))).toEqual(range(0, 50).map(() => 1));
      // Each record read once: the 50 of partition 0 and the forged copy, set aside as a conflict.
      expect(await loads(held)).toEqual({ read: 51, stored: 50, conflicts: 1 });
      expect(await loads(flowing)).toEqual({ read: 50, stored: 50, conflicts: 0 });
    },
  );
});
