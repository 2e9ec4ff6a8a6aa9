import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { parseShardUrl } from '../packages/query-api/src/pipeline/source/shard-url';
import { openShardWriter, type ShardRecord } from '../packages/query-api/src/pipeline/source/writer';
import {
  dropFixture,
  readTopic,
  shardRows,
  sourceFixture,
  storedCursor,
  type SourceFixture,
  type TopicMessage,
} from './source.support';

const bin = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));
const mysqlUrl = inject('mysqlUrl');
const kafkaBrokers = inject('kafkaBrokers');
const CUSTOMERS = [
  'itest-src-acme',
  'itest-src-globex',
  'itest-src-initech',
  'itest-src-hooli',
  'itest-src-umbrella',
];

function records(from: number, count: number): ShardRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const customer = CUSTOMERS[n % CUSTOMERS.length]!;
    // Spacing and key order as a system might write them: the firehose must carry the text unchanged.
    return { customer, record: `{"txid": "itest-src-${n}", "customer_id": "${customer}", "n": ${n}}` };
  });
}

async function write(fixture: SourceFixture, batch: ShardRecord[]): Promise<void> {
  const writer = await openShardWriter(fixture.shardUrls.map(parseShardUrl));
  try {
    await writer.write(batch);
  } finally {
    await writer.close();
  }
}

function batcherArgs(fixture: SourceFixture, ...extra: string[]): string[] {
  return [
    bin,
    'source',
    'mysql',
    '--shards',
    fixture.shardUrls.join(','),
    '--brokers',
    fixture.brokers.join(','),
    '--topic',
    fixture.topic,
    '--no-load-log',
    ...extra,
  ];
}

function drain(fixture: SourceFixture, ...extra: string[]) {
  const result = spawnSync(process.execPath, batcherArgs(fixture, '--once', '--json', ...extra), {
    encoding: 'utf8',
    env: process.env,
  });
  expect(result.stderr).not.toMatch(/sightline: /);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { stream: string; rows: number; cursor: string; ended: string }[];
}

/** Every shard row as `<source>#<id>`, the way the firehose headers name it. */
async function allRows(fixture: SourceFixture): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  for (const [i, url] of fixture.shardUrls.entries()) {
    for (const row of await shardRows(url)) rows.set(`mysql/${fixture.databases[i]}#${row.id}`, row.record);
  }
  return rows;
}

const positionOf = (m: TopicMessage) => `${m.source}#${m.position}`;

describe('the MySQL batcher', () => {
  let fixture: SourceFixture | undefined;
  afterEach(async () => {
    if (fixture) await dropFixture(mysqlUrl, fixture);
    fixture = undefined;
  });

  it('publishes each committed row of both shards once per run, keyed by customer, in id order', async () => {
    fixture = await sourceFixture(mysqlUrl, kafkaBrokers);
    await write(fixture, records(0, 2500));

    const first = drain(fixture, '--batch', '400');
    expect(first.map((s) => s.ended)).toEqual(['caught-up', 'caught-up']);
    const rows = await allRows(fixture);
    expect(first.reduce((sum, s) => sum + s.rows, 0)).toBe(2500);

    // A second run finds nothing new; a third publishes only what was written since.
    expect(drain(fixture).map((s) => s.rows)).toEqual([0, 0]);
    await write(fixture, records(2500, 300));
    expect(drain(fixture).reduce((sum, s) => sum + s.rows, 0)).toBe(300);

    const all = await allRows(fixture);
    expect(all.size).toBe(2800);
    for (const key of rows.keys()) expect(all.has(key)).toBe(true);
    const messages = await readTopic(fixture.brokers, fixture.topic);
    expect(messages).toHaveLength(2800);
    expect(new Set(messages.map(positionOf)).size).toBe(2800);
    for (const message of messages) {
      expect(message.value).toBe(all.get(positionOf(message)));
      expect(message.value).toContain(`"customer_id": "${message.key}"`);
    }
    // One customer lives on one shard and one partition: its rows arrive in the shard's id order.
    for (const customer of CUSTOMERS) {
      const mine = messages.filter((m) => m.key === customer);
      expect(new Set(mine.map((m) => m.source)).size).toBe(1);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      const ids = mine.map((m) => Number(m.position));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    for (const [i, url] of fixture.shardUrls.entries()) {
      const ids = (await shardRows(url)).map((r) => r.id);
      expect(await storedCursor(url, fixture.topic)).toBe(ids[ids.length - 1]);
      expect(ids.length).toBeGreaterThan(0);
      expect(fixture.databases[i]).toMatch(/^sightline_test_/);
    }
  });

  it(
    'killed with SIGKILL mid-run and started again, gets every row onto the topic and its cursors to the end',
    { timeout: 300_000 },
    async () => {
      fixture = await sourceFixture(mysqlUrl, kafkaBrokers);
      const total = 40_000;
      for (let from = 0; from < total; from += 10_000) await write(fixture, records(from, 10_000));

      // Small batches with a pause between them, so the kill lands while work is left.
      const child = spawn(process.execPath, batcherArgs(fixture, '--batch', '200'), {
        stdio: 'ignore',
        env: process.env,
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      let progressed = 0n;
      while (progressed < 2000n) {
        await sleep(100);
        progressed =
          BigInt(await storedCursor(fixture.shardUrls[0]!, fixture.topic)) +
          BigInt(await storedCursor(fixture.shardUrls[1]!, fixture.topic));
        expect(child.exitCode, 'the batcher exited before it could be killed').toBeNull();
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const cursorsAtKill = await Promise.all(
        fixture.shardUrls.map((url) => storedCursor(url, fixture!.topic)),
      );
      expect(cursorsAtKill.reduce((sum, c) => sum + Number(c), 0)).toBeLessThan(total);

      const rerun = drain(fixture);
      expect(rerun.map((s) => s.ended)).toEqual(['caught-up', 'caught-up']);

      const all = await allRows(fixture);
      expect(all.size).toBe(total);
      const messages = await readTopic(fixture.brokers, fixture.topic);
      const seen = new Set(messages.map(positionOf));
      const missing = [...all.keys()].filter((key) => !seen.has(key));
      expect(missing).toEqual([]);
      for (const url of fixture.shardUrls) {
        const ids = (await shardRows(url)).map((r) => r.id);
        expect(await storedCursor(url, fixture.topic)).toBe(ids[ids.length - 1]);
      }
    },
  );
});
