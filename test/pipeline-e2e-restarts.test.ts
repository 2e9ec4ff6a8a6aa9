import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanTestMonth, countCustomers, esClient } from './ingest.support';
import { waitForDrain, waitUntil } from './kafka.support';
import {
  dropLivePipeline,
  expectServedExactlyOnce,
  livePipeline,
  liveApi,
  restartService,
  shardRecords,
  spawnBatcher,
  spawnSink,
  SteadyWriter,
  type LivePipeline,
  type SightlineProcess,
} from './live-pipeline.support';

/**
 * The live pipeline through a restart of the services it depends on: the running batcher and sink
 * reconnect by themselves. Each restart briefly disturbs everyone using that service, so one each.
 */
const MONTH = '2010-04';
const PREFIX = 'itest-e2e-restart-';
const mysqlUrl = inject('mysqlUrl');
const client = esClient();
const api = liveApi();
let pipeline: LivePipeline | undefined;
const processes: SightlineProcess[] = [];

/** Every wait of a test shares this budget, which ends before the test's own timeout (240 s). */
const BUDGET_MS = 200_000;

async function throughRestart(tag: string, service: 'kafka.sh' | 'mariadb.sh') {
  const end = Date.now() + BUDGET_MS;
  // A stall then fails the step it happens in, saying how far it got, not as a bare "Test timed out".
  const left = () => Math.max(5_000, end - Date.now());
  pipeline = livePipeline(`e2e-${tag}`, mysqlUrl);
  const prefix = `${PREFIX}${tag}-`;
  const { records, txids, customers } = shardRecords({
    seed: `itest-e2e-${tag}`,
    count: 30_000,
    month: MONTH,
    customerPrefix: prefix,
  });
  const stored = () => countCustomers(client, prefix);
  const stream = new SteadyWriter(pipeline.fixture.shardUrls, records, 40, 100);
  const batcher = spawnBatcher(pipeline);
  const sink = spawnSink(pipeline);
  processes.push(batcher, sink);
  await waitUntil(stored, 500, [sink, batcher], left());

  const batcherLinesBefore = batcher.lines.length;
  await restartService(service);
  const atRestart = stream.written;
  // Writes go on after the restart; the same two processes must carry them through.
  await stream.until(atRestart + 800, left());
  const written = await stream.stop();
  expect(written).toBeLessThan(records.length);
  expect(await waitUntil(stored, written, [sink, batcher], left())).toBe(written);
  expect(await waitForDrain(pipeline.kafka, [sink, batcher], left())).toBe(0);
  const noticed = batcher.lines.slice(batcherLinesBefore).filter((l) => /retrying in/.test(l));
  expect(await batcher.stop(Math.min(30_000, left()))).toBe(0);
  expect(await sink.stop(Math.min(30_000, left()))).toBe(0);

  await expectServedExactlyOnce(api, MONTH, customers, txids.slice(0, written));
  return { noticed, writerFailures: stream.failures };
}

describe('the live pipeline through service restarts', () => {
  beforeAll(() => cleanTestMonth(client, PREFIX, MONTH));
  afterEach(async () => {
    for (const p of processes.splice(0)) await p.stop();
    if (pipeline) await dropLivePipeline(mysqlUrl, pipeline);
    pipeline = undefined;
  });
  afterAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    await client.close();
    await api.close();
  });

  it(
    'keeps running through a MariaDB restart: the batcher reconnects by itself, every row served once',
    { timeout: 240_000 },
    async () => {
      const { noticed, writerFailures } = await throughRestart('mariadb', 'mariadb.sh');
      // The outage was real: the writers failed and the batcher lost its connection, then resumed.
      expect(writerFailures).toBeGreaterThan(0);
      expect(noticed.length).toBeGreaterThan(0);
    },
  );

  it(
    'keeps running through a broker restart: batcher and sink reconnect by themselves, every row served once',
    { timeout: 240_000 },
    async () => {
      // The producer's own retries may ride out a short outage without the batcher noticing; what
      // counts is that rows written after it arrive through the same two processes, exactly once.
      await throughRestart('kafka', 'kafka.sh');
    },
  );
});
