import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
import { pipelineLag } from '../packages/query-api/src/pipeline/kafka';
import { cleanTestMonth, countCustomers, duplicateTxids, esClient } from './ingest.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  spawnConsumer,
  testPipeline,
  waitForDrain,
  waitUntil,
  type KafkaTestConfig,
} from './kafka.support';
import { TcpProxy } from './tcp-proxy';

/** This file's month (its own index) and customers; each test has its own topics and group. */
const MONTH = '2011-08';
const PREFIX = 'itest-sinkfault-';
const kafkaScript = fileURLToPath(new URL('../scripts/kafka.sh', import.meta.url));
const client = esClient();
const pipelines: KafkaTestConfig[] = [];

function recordsOf(tag: string, count: number) {
  return [
    ...generateRecords({
      seed: `itest-sinkfault-${tag}`,
      count,
      end: new Date('2011-08-25T00:00:00Z'),
      days: 20,
      customerPrefix: `${PREFIX}${tag}-`,
    }),
  ].map((r) => ({ key: r.customer_id, value: JSON.stringify(r) }));
}

describe('the sink through faults', () => {
  beforeAll(() => cleanTestMonth(client, PREFIX, MONTH));
  afterAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    for (const config of pipelines) await dropTestPipeline(config);
    await client.close();
  });

  it(
    'holds its offsets while Elasticsearch is unreachable, lets the lag grow, and drains it when it is back',
    { timeout: 600_000 },
    async () => {
      const config = testPipeline('sinkfault-es');
      pipelines.push(config);
      await createTestTopics(config, 3);
      const records = recordsOf('es', 4000);
      const prefix = `${PREFIX}es-`;
      const proxy = await TcpProxy.start(new URL(process.env.ES_URL!));
      const consumer = spawnConsumer(config, { esUrl: proxy.url, args: ['--batch', '200'] });
      try {
        // A steady stream: 100 records every 200 ms.
        let published = 0;
        const stream = (async () => {
          for (; published < records.length; published += 100) {
            await publishRaw(config, records.slice(published, published + 100));
            await sleep(200);
          }
        })();

        await waitUntil(() => countCustomers(client, prefix), 300, consumer);
        await proxy.cut();
        // The cut meets either a batch's bulk request or the load-log entries of a batch just
        // stored and committed; either way the sink stops fetching and retries.
        await consumer.waitForLine(/Elasticsearch is not taking the batch|Elasticsearch \(load log\) failed/);
        const storedDuringCut = await countCustomers(client, prefix);
        // The stream goes on while Elasticsearch is away: everything published since is lag.
        await stream;
        const lag = await pipelineLag(config);
        expect(lag.deadLetter.messages).toBe(0);
        expect(lag.totalLag).toBeGreaterThanOrEqual(records.length - storedDuringCut);
        expect(await countCustomers(client, prefix)).toBe(storedDuringCut);

        await proxy.restore();
        expect(await waitForDrain(config, consumer)).toBe(0);
        expect(storedDuringCut).toBeLessThan(records.length);
        // Resumed after the bulk request that met the cut, or after the load-log entries that did.
        expect(consumer.lines.some((l) => /fetching resumed|\(load log\) answers again/.test(l))).toBe(true);
        expect(await countCustomers(client, prefix)).toBe(records.length);
        expect(await duplicateTxids(client, prefix)).toEqual([]);
      } finally {
        consumer.child.kill('SIGTERM');
        await consumer.exited;
        await proxy.close();
      }
      expect(consumer.child.exitCode).toBe(0);
    },
  );

  // Last and short: restarting the broker briefly interrupts everyone using it.
  it(
    'reconnects by itself after a broker restart and stores what was published across it',
    { timeout: 600_000 },
    async () => {
      const config = testPipeline('sinkfault-broker');
      pipelines.push(config);
      await createTestTopics(config, 3);
      const before = recordsOf('broker-a', 1000);
      const after = recordsOf('broker-b', 1000);
      const consumer = spawnConsumer(config, { args: ['--batch', '200'] });
      try {
        await publishRaw(config, before);
        expect(await waitUntil(() => countCustomers(client, `${PREFIX}broker-a-`), 1000, consumer)).toBe(
          1000,
        );

        // The script leaves a cluster named by KAFKA_BROKERS alone: the local broker is restarted.
        const env = { ...process.env, KAFKA_BROKERS: undefined };
        execFileSync('bash', [kafkaScript, 'stop'], { stdio: 'ignore', env });
        execFileSync('bash', [kafkaScript, 'start'], { stdio: 'ignore', env });
        await publishRaw(config, after);

        expect(await waitForDrain(config, consumer)).toBe(0);
        expect(await countCustomers(client, `${PREFIX}broker-b-`)).toBe(1000);
        expect(await countCustomers(client, `${PREFIX}broker-a-`)).toBe(1000);
        expect(await duplicateTxids(client, PREFIX)).toEqual([]);
        expect(consumer.lines.some((l) => /reconnecting to Kafka/.test(l))).toBe(true);
      } finally {
        consumer.child.kill('SIGTERM');
        await consumer.exited;
      }
      expect(consumer.child.exitCode).toBe(0);
    },
  );
});
