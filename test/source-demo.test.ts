import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { backfillHistory } from '../packages/query-api/src/pipeline/source/backfill';
import { runShard } from '../packages/query-api/src/pipeline/source/batcher';
import { MemoryFirehose } from '../packages/query-api/src/pipeline/source/memory';
import { openMysqlSource } from '../packages/query-api/src/pipeline/source/mysql-source';
import { ensureShardSchema } from '../packages/query-api/src/pipeline/source/schema';
import { parseShardUrl, type ShardAddress } from '../packages/query-api/src/pipeline/source/shard-url';
import { shardRows } from './source.support';

const mysqlUrl = inject('mysqlUrl').replace(/\/+$/, '');
let databases: string[] = [];

function shards(count: number): ShardAddress[] {
  const run = randomBytes(4).toString('hex');
  databases = Array.from({ length: count }, (_, i) => `sightline_test_${run}_${i}`);
  return databases.map((db) => parseShardUrl(`${mysqlUrl}/${db}`));
}

afterEach(async () => {
  const db = await createConnection(mysqlUrl);
  for (const name of databases) await db.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await db.end();
});

describe('the demo history in the shards', () => {
  it('is written once per seed, each customer on one shard, and a second run adds nothing', async () => {
    const targets = shards(2);
    const first = await backfillHistory(targets, {
      seed: 'itest-demo',
      count: 3000,
      days: 3,
      customers: 'default',
    });
    expect(first.wrote).toBe(true);
    expect(first.perShard.reduce((a, b) => a + b, 0)).toBe(3000);
    const again = await backfillHistory(targets, {
      seed: 'itest-demo',
      count: 3000,
      days: 3,
      customers: 'default',
    });
    expect(again).toEqual({ ...first, wrote: false });
    const rows = [
      ...(await shardRows(`${mysqlUrl}/${databases[0]}`)),
      ...(await shardRows(`${mysqlUrl}/${databases[1]}`)),
    ];
    expect(rows).toHaveLength(3000);
    const txids = rows.map((r) => (JSON.parse(r.record) as { txid: string }).txid);
    expect(new Set(txids).size).toBe(3000);
    const on = async (i: number) =>
      new Set((await shardRows(`${mysqlUrl}/${databases[i]}`)).map((r) => r.customer_id));
    const [zero, one] = [await on(0), await on(1)];
    expect([...zero].filter((c) => one.has(c))).toEqual([]);
  });

  it('finishes a history a run stopped half-way without doubling any record', async () => {
    const targets = shards(2);
    let calls = 0;
    await expect(
      backfillHistory(targets, {
        seed: 'itest-half',
        count: 9000,
        days: 3,
        customers: 'default',
        onProgress: () => {
          calls += 1;
          if (calls === 2) throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    const partial =
      (await shardRows(`${mysqlUrl}/${databases[0]}`)).length +
      (await shardRows(`${mysqlUrl}/${databases[1]}`)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(9000);
    const resumed = await backfillHistory(targets, {
      seed: 'itest-half',
      count: 9000,
      days: 3,
      customers: 'default',
    });
    expect(resumed.wrote).toBe(true);
    const rows = [
      ...(await shardRows(`${mysqlUrl}/${databases[0]}`)),
      ...(await shardRows(`${mysqlUrl}/${databases[1]}`)),
    ];
    const txids = rows.map((r) => (JSON.parse(r.record) as { txid: string }).txid);
    expect(txids).toHaveLength(9000);
    expect(new Set(txids).size).toBe(9000);
  });
});

describe('the batcher against concurrent writers', () => {
  it('waits for a row whose insert commits after a later one, and publishes it in id order', async () => {
    const [shard] = shards(1);
    await ensureShardSchema(shard!);
    const slow = await createConnection({ uri: `${mysqlUrl}/${databases[0]}` });
    const fast = await createConnection({ uri: `${mysqlUrl}/${databases[0]}` });
    await slow.beginTransaction();
    await slow.query(`INSERT INTO authlog (customer_id, record) VALUES ('c', '{"n":1}')`);
    await fast.query(`INSERT INTO authlog (customer_id, record) VALUES ('c', '{"n":2}')`);
    const firehose = new MemoryFirehose();
    let polls = 0;
    await runShard(
      'mysql/x',
      () => openMysqlSource(shard!, 'test'),
      () => Promise.resolve(firehose),
      {
        batch: 100,
        pollMs: 1,
        holdMs: 600_000,
        once: true,
        sleep: async () => {
          polls += 1;
          // Id 2 is visible, id 1 is not yet: nothing may be published until the slow insert commits.
          expect(firehose.published).toEqual([]);
          if (polls === 3) await slow.commit();
        },
      },
    );
    await slow.end();
    await fast.end();
    expect(firehose.published.map((r) => r.value)).toEqual(['{"n":1}', '{"n":2}']);
  });

  it('goes past the id of a rolled-back insert once the next row is older than the hold', async () => {
    const [shard] = shards(1);
    await ensureShardSchema(shard!);
    const db = await createConnection({ uri: `${mysqlUrl}/${databases[0]}` });
    await db.beginTransaction();
    await db.query(`INSERT INTO authlog (customer_id, record) VALUES ('c', '{"n":"never"}')`);
    await db.rollback();
    await db.query(`INSERT INTO authlog (customer_id, record) VALUES ('c', '{"n":2}')`);
    await db.end();
    const firehose = new MemoryFirehose();
    const summary = await runShard(
      'mysql/x',
      () => openMysqlSource(shard!, 'test'),
      () => Promise.resolve(firehose),
      {
        batch: 100,
        pollMs: 50,
        holdMs: 300,
        once: true,
      },
    );
    expect(firehose.published.map((r) => [r.position, r.value])).toEqual([['2', '{"n":2}']]);
    expect(summary.cursor).toBe(2n);
  });
});
