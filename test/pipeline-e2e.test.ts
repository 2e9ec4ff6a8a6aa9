import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanTestMonth, countCustomers, esClient } from './ingest.support';
import { waitForDrain, waitUntil } from './kafka.support';
import {
  createTopics,
  dropLivePipeline,
  expectServedExactlyOnce,
  livePipeline,
  liveApi,
  shardRecords,
  spawnBatcher,
  spawnSink,
  SteadyWriter,
  type LivePipeline,
  type SightlineProcess,
} from './live-pipeline.support';
import { openShardWriter } from '../packages/query-api/src/pipeline/source/writer';
import { parseShardUrl } from '../packages/query-api/src/pipeline/source/shard-url';

/** This file's month (its own index) and customers; each test has its own shards, topics and group. */
const MONTH = '2010-03';
const PREFIX = 'itest-e2e-';
const mysqlUrl = inject('mysqlUrl');
const client = esClient();
const api = liveApi();
let pipeline: LivePipeline | undefined;
const processes: SightlineProcess[] = [];

describe('the live pipeline, shard to API', () => {
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

  it('serves every row committed to the shards exactly once, a backlog and a live stream alike', async () => {
    pipeline = livePipeline('e2e-once', mysqlUrl);
    const prefix = `${PREFIX}once-`;
    const { records, txids, customers } = shardRecords({
      seed: 'itest-e2e-once',
      count: 3000,
      month: MONTH,
      customerPrefix: prefix,
    });
    // A backlog written before anything runs, then a stream while it runs.
    const writer = await openShardWriter(pipeline.fixture.shardUrls.map(parseShardUrl));
    await writer.write(records.slice(0, 1500));
    await writer.close();
    // Started right after `topics create`, as `npm start` does: the new topic must not trip the batcher.
    const batcher = spawnBatcher(pipeline);
    const sink = spawnSink(pipeline);
    processes.push(batcher, sink);
    const stream = new SteadyWriter(pipeline.fixture.shardUrls, records.slice(1500), 50, 50);

    expect(await stream.finish()).toBe(1500);
    expect(await waitUntil(() => countCustomers(client, prefix), 3000, sink)).toBe(3000);
    expect(await waitForDrain(pipeline.kafka, sink)).toBe(0);
    expect(await batcher.stop()).toBe(0);
    expect(await sink.stop()).toBe(0);

    await expectServedExactlyOnce(api, MONTH, customers, txids);
  });

  it('a batcher started before its topic exists waits for it, then publishes every row once', async () => {
    pipeline = livePipeline('e2e-notopic', mysqlUrl, { topics: false });
    const prefix = `${PREFIX}notopic-`;
    const { records, txids, customers } = shardRecords({
      seed: 'itest-e2e-notopic',
      count: 1000,
      month: MONTH,
      customerPrefix: prefix,
    });
    const writer = await openShardWriter(pipeline.fixture.shardUrls.map(parseShardUrl));
    await writer.write(records);
    await writer.close();
    const batcher = spawnBatcher(pipeline);
    processes.push(batcher);
    // The broker creates no topic on first use: the publisher is refused, and retried.
    await batcher.waitForLine(/retrying in/);

    createTopics(pipeline.kafka);
    const sink = spawnSink(pipeline);
    processes.push(sink);
    expect(await waitUntil(() => countCustomers(client, prefix), 1000, sink)).toBe(1000);
    expect(await waitForDrain(pipeline.kafka, sink)).toBe(0);
    expect(await batcher.stop()).toBe(0);
    expect(await sink.stop()).toBe(0);

    await expectServedExactlyOnce(api, MONTH, customers, txids);
  });

  it(
    'killed with SIGKILL, batcher and sink each, mid-stream and restarted: every row served once, none missing',
    { timeout: 240_000 },
    async () => {
      pipeline = livePipeline('e2e-kill', mysqlUrl);
      const prefix = `${PREFIX}kill-`;
      const { records, txids, customers } = shardRecords({
        seed: 'itest-e2e-kill',
        count: 30_000,
        month: MONTH,
        customerPrefix: prefix,
      });
      const stored = () => countCustomers(client, prefix);
      // About 400 records a second for as long as the test takes to kill and restart both.
      const stream = new SteadyWriter(pipeline.fixture.shardUrls, records, 40, 100);
      let batcher = spawnBatcher(pipeline);
      let sink = spawnSink(pipeline);
      processes.push(batcher, sink);

      await waitUntil(stored, 500, sink);
      await batcher.kill9();
      batcher = spawnBatcher(pipeline);
      processes.push(batcher);
      const atBatcherRestart = stream.written;
      // The new batcher carries on from the stored cursors: rows written since reach Elasticsearch.
      await stream.until(atBatcherRestart + 800);
      expect(await waitUntil(stored, atBatcherRestart + 400, sink)).toBeGreaterThanOrEqual(
        atBatcherRestart + 400,
      );

      await sink.kill9();
      const atSinkKill = await stored();
      sink = spawnSink(pipeline);
      processes.push(sink);
      await waitUntil(stored, atSinkKill + 800, sink);

      const written = await stream.stop();
      expect(written).toBeLessThan(records.length);
      expect(await waitUntil(stored, written, sink)).toBe(written);
      expect(await waitForDrain(pipeline.kafka, sink)).toBe(0);
      expect(await batcher.stop()).toBe(0);
      expect(await sink.stop()).toBe(0);

      await expectServedExactlyOnce(api, MONTH, customers, txids.slice(0, written));
    },
  );
});
