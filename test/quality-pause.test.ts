import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ensureLoadLogFields,
  LOAD_LOG_INDEX,
  recordLoads,
  type LoadLogEntry,
} from '../packages/query-api/src/pipeline/load-log';
import { PAUSES_INDEX, PauseStore } from '../packages/query-api/src/pipeline/pauses';
import { QUALITY_INDEX, QUALITY_THRESHOLDS } from '../packages/query-api/src/pipeline/quality';
import {
  QUALITY_WATCH_STATE_INDEX,
  watchOnce,
  WATCH_ACTOR,
} from '../packages/query-api/src/pipeline/quality/watch';
import { parseShardUrl } from '../packages/query-api/src/pipeline/source/shard-url';
import { openShardWriter, type ShardRecord } from '../packages/query-api/src/pipeline/source/writer';
import { deleteWhere, esClient } from './ingest.support';
import {
  dropFixture,
  readTopic,
  shardRows,
  sourceFixture,
  storedCursor,
  type SourceFixture,
} from './source.support';

/**
 * This file's shards, topic and load-log streams are named after a random run id (source.support),
 * its runner keeps a state of its own and looks only at those streams; it writes no auth-log record.
 */
const bin = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));
const mysqlUrl = inject('mysqlUrl');
const kafkaBrokers = inject('kafkaBrokers');
const es = esClient();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let fixture: SourceFixture;
let prefix: string;
let stopped: string;
let healthy: string;
const stateId = () => `itest-pause-${fixture.run}`;

function sightline(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: process.env,
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The batcher over this file's shards, once to the end, recording its loads (and so reading pauses). */
function batcherOnce() {
  const run = sightline(
    'source',
    'mysql',
    '--shards',
    fixture.shardUrls.join(','),
    '--brokers',
    fixture.brokers.join(','),
    '--topic',
    fixture.topic,
    '--once',
    '--json',
  );
  expect(run.stderr).not.toMatch(/sightline: /);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { stream: string; rows: number; cursor: string | null; ended: string }[];
}

/** A shard that delivered 50 rows in this hour on each of the previous days, and nothing in the last hour. */
function history(stream: string): LoadLogEntry[] {
  return Array.from({ length: QUALITY_THRESHOLDS.zeroRows.previousDays }, (_, d) => {
    const at = Date.now() - (d + 1) * DAY - 30 * 60_000;
    return {
      '@timestamp': new Date(at).toISOString(),
      loader: 'batcher' as const,
      stream,
      from: String(d * 100 + 1),
      to: String(d * 100 + 50),
      event_from: new Date(at - 60_000).toISOString(),
      event_to: new Date(at).toISOString(),
      read: 50,
      stored: 50,
      duplicates: 0,
      flagged: 0,
      rejected: 0,
      duration_ms: 10,
    };
  });
}

beforeAll(async () => {
  fixture = await sourceFixture(mysqlUrl, kafkaBrokers);
  prefix = `mysql/sightline_test_${fixture.run}_`;
  [stopped, healthy] = fixture.databases.map((db) => `mysql/${db}`) as [string, string];
  await ensureLoadLogFields(es);
  await recordLoads(es, history(stopped));
  await es.indices.refresh({ index: LOAD_LOG_INDEX });
}, 120_000);

afterAll(async () => {
  await dropFixture(mysqlUrl, fixture);
  await deleteWhere(es, LOAD_LOG_INDEX, { prefix: { stream: prefix } });
  await deleteWhere(es, PAUSES_INDEX, { prefix: { source: prefix } });
  await deleteWhere(es, QUALITY_INDEX, { prefix: { source: prefix } });
  await es.delete({ index: QUALITY_WATCH_STATE_INDEX, id: stateId() }, { ignore: [404] });
  await es.close();
});

describe('a check with the pause policy', () => {
  it(
    'pauses its source: new rows wait in the shard until an operator resumes it, then all are loaded once',
    { timeout: 300_000 },
    async () => {
      const pass = await watchOnce({
        es,
        now: new Date(),
        scheduleMs: 0,
        stateId: stateId(),
        streamPrefix: prefix,
        customerPrefix: 'itest-pause-',
      });
      expect(pass.scheduled).toBe(true);
      expect(pass.paused).toEqual([stopped]);
      expect(pass.breaches.find((b) => b.check === 'zero_rows')).toMatchObject({
        source: stopped,
        policy: 'pause',
      });
      const store = new PauseStore(es);
      expect(await store.stateOf(stopped)).toMatchObject({
        action: 'pause',
        check: 'zero_rows',
        by: WATCH_ACTOR,
      });
      // A second pass pauses nothing again: the source is paused already.
      expect(
        (
          await watchOnce({
            es,
            now: new Date(),
            scheduleMs: 0,
            stateId: stateId(),
            streamPrefix: prefix,
            customerPrefix: 'itest-pause-',
          })
        ).paused,
      ).toEqual([]);

      const records: ShardRecord[] = fixture.databases.flatMap((_, shard) =>
        Array.from({ length: 40 }, (__, n) => ({
          customer: `itest-pause-${shard}-${n % 4}`,
          record: JSON.stringify({
            txid: `itest-pause-${fixture.run}-${n}`,
            customer_id: `itest-pause-${shard}-${n % 4}`,
          }),
        })),
      );
      const writer = await openShardWriter(fixture.shardUrls.map(parseShardUrl));
      await writer.write(records).finally(() => writer.close());
      const rows = new Map<string, number>();
      for (const [i, url] of fixture.shardUrls.entries())
        rows.set(`mysql/${fixture.databases[i]}`, (await shardRows(url)).length);
      expect(rows.get(stopped)! + rows.get(healthy)!).toBe(80);

      const whilePaused = batcherOnce();
      expect(whilePaused.find((s) => s.stream === stopped)).toMatchObject({ rows: 0, ended: 'paused' });
      expect(whilePaused.find((s) => s.stream === healthy)).toMatchObject({
        rows: rows.get(healthy),
        ended: 'caught-up',
      });
      expect(await storedCursor(fixture.shardUrls[0]!, fixture.topic)).toBe('0');
      const published = await readTopic(fixture.brokers, fixture.topic);
      expect(published.every((m) => m.source === healthy)).toBe(true);
      expect(published).toHaveLength(rows.get(healthy)!);

      const listed = sightline('quality', '--stream-prefix', prefix, '--customer-prefix', 'itest-pause-');
      expect(listed.stdout).toContain('paused sources');
      expect(listed.stdout).toMatch(
        new RegExp(`${stopped}\\s+since \\S+\\s+by zero_rows: rows in the last hour`),
      );

      expect(sightline('quality', 'resume', stopped, '--reason', '   ')).toMatchObject({ code: 2 });
      const resumed = sightline(
        'quality',
        'resume',
        stopped,
        '--reason',
        'the shard is back after maintenance',
      );
      expect(resumed).toMatchObject({ code: 0 });
      expect(await store.stateOf(stopped)).toMatchObject({
        action: 'resume',
        reason: 'the shard is back after maintenance',
        by: userInfo().username,
      });
      const again = sightline('quality', 'resume', stopped, '--reason', 'twice');
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`${stopped} is not paused`);

      const afterResume = batcherOnce();
      expect(afterResume.find((s) => s.stream === stopped)).toMatchObject({
        rows: rows.get(stopped),
        ended: 'caught-up',
      });
      const all = await readTopic(fixture.brokers, fixture.topic);
      const ids = all.map((m) => `${m.source}#${m.position}`);
      expect(new Set(ids).size).toBe(80);
      expect(all).toHaveLength(80);

      // Within the grace after a resume, the scheduled checks' window still holds the old hour: no new pause.
      expect(
        (
          await watchOnce({
            es,
            now: new Date(),
            scheduleMs: 0,
            stateId: stateId(),
            streamPrefix: prefix,
            customerPrefix: 'itest-pause-',
          })
        ).paused,
      ).toEqual([]);
    },
  );
});
