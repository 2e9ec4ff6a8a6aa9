import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
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

/** This file's month (its own index) and customers; each test has its own topics and group. */
const MONTH = '2011-06';
const PREFIX = 'itest-sinkkill-';
const N = 20_000;
const client = esClient();
const pipelines: KafkaTestConfig[] = [];

/** N records of one test, customers of its own under the file's prefix. */
async function publishRecords(config: KafkaTestConfig, tag: string): Promise<string> {
  const prefix = `${PREFIX}${tag}-`;
  const records = generateRecords({
    seed: `itest-sinkkill-${tag}`,
    count: N,
    end: new Date('2011-06-25T00:00:00Z'),
    days: 20,
    customerPrefix: prefix,
  });
  await publishRaw(
    config,
    [...records].map((r) => ({ key: r.customer_id, value: JSON.stringify(r) })),
  );
  return prefix;
}

describe('sink consumers that die', () => {
  beforeAll(() => cleanTestMonth(client, PREFIX, MONTH));
  afterAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    for (const config of pipelines) await dropTestPipeline(config);
    await client.close();
  });

  it(
    'killed with SIGKILL mid-stream and restarted, leave exactly the published set',
    { timeout: 600_000 },
    async () => {
      const config = testPipeline('sinkkill-restart');
      pipelines.push(config);
      await createTestTopics(config, 4);
      const prefix = await publishRecords(config, 'restart');

      const first = spawnConsumer(config, { args: ['--batch', '200'] });
      const partial = await waitUntil(() => countCustomers(client, prefix), 2000, first);
      expect(first.child.exitCode, 'the consumer finished before it could be killed').toBeNull();
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      expect(partial).toBeLessThan(N);

      const second = spawnConsumer(config, { args: ['--batch', '2000'] });
      expect(await waitForDrain(config, second)).toBe(0);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      expect(await countCustomers(client, prefix)).toBe(N);
      expect(await duplicateTxids(client, prefix)).toEqual([]);
    },
  );

  it(
    'in a group of two, one killed: the other takes its partitions and stores exactly the set',
    { timeout: 600_000 },
    async () => {
      const config = testPipeline('sinkkill-group');
      pipelines.push(config);
      await createTestTopics(config, 6);
      const prefix = await publishRecords(config, 'group');

      const all = /joined .*partitions \[0,1,2,3,4,5\]/;
      const survivor = spawnConsumer(config, { args: ['--batch', '200'] });
      await survivor.waitForLine(all);
      const soloAt = survivor.lines.length;
      const victim = spawnConsumer(config, { args: ['--batch', '200'] });
      // The group rebalances: each member ends up with a share.
      await victim.waitForLine(/joined .*partitions \[\d/);
      await survivor.waitForLine(/joined .*partitions \[(?!0,1,2,3,4,5\])\d/, soloAt);
      const sharedAt = survivor.lines.length;
      await waitUntil(() => countCustomers(client, prefix), 2000, victim);
      expect(victim.child.exitCode, 'the second consumer finished before it could be killed').toBeNull();
      victim.child.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');

      // Once the killed member's session expires, the survivor is given every partition again.
      await survivor.waitForLine(all, sharedAt);
      expect(await waitForDrain(config, survivor)).toBe(0);
      survivor.child.kill('SIGTERM');
      expect((await survivor.exited).code).toBe(0);
      expect(await countCustomers(client, prefix)).toBe(N);
      expect(await duplicateTxids(client, prefix)).toEqual([]);
    },
  );
});
