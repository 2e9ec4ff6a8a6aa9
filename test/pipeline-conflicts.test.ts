import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import { CONFLICTS_INDEX, type ConflictRecord } from '../packages/query-api/src/ingest/conflicts';
import { runSink } from '../packages/query-api/src/pipeline/kafka/sink';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../packages/query-api/src/pipeline/load-log';
import { QUALITY_INDEX, type CheckResult } from '../packages/query-api/src/pipeline/quality';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { type AuthLogRecord } from '@sightline/schema';
import { cleanTestMonth, deleteWhere, esClient } from './ingest.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  sightlineBin,
  testPipeline,
  waitForDrain,
} from './kafka.support';
import { loginAttempt } from './records.support';

/**
 * This file's customers, load-log streams and topic. Its records are recent (half an hour old), so the
 * quality run it makes judges them fresh and only a conflicting copy can fail it; they live in the
 * current month's index beside others' and are deleted by customer prefix.
 */
const PREFIX = 'itest-conflicts-';
const FILES = 'itest-conflicts/';
const config = testPipeline('conflicts');
const es = esClient();
const TS = new Date(Date.now() - 30 * 60_000).toISOString();
const MONTH = TS.slice(0, 7);

function attempt(customer: string, n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return loginAttempt(customer, n, TS, over);
}

async function fileIngest(stream: string, records: Record<string, unknown>[]) {
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-conflicts-')), 'rejects.ndjson'));
  const items = records.map((value, i) => ({ line: i + 1, value }));
  return ingest(es, { items, rejects, refresh: true, loadLog: { stream: `${FILES}${stream}` } });
}

async function stored(txid: string): Promise<AuthLogRecord> {
  await es.indices.refresh({ index: READ_ALIAS });
  const found = await es.search<AuthLogRecord>({ index: READ_ALIAS, query: { term: { txid } } });
  expect(found.hits.hits).toHaveLength(1);
  return found.hits.hits[0]!._source!;
}

async function conflictsOf(txid: string): Promise<ConflictRecord[]> {
  await es.indices.refresh({ index: CONFLICTS_INDEX, ignore_unavailable: true });
  const found = await es.search<ConflictRecord>({
    index: CONFLICTS_INDEX,
    ignore_unavailable: true,
    query: { term: { txid } },
  });
  return found.hits.hits.map((h) => h._source!);
}

async function entries(streamPrefix: string): Promise<LoadLogEntry[]> {
  await es.indices.refresh({ index: LOAD_LOG_INDEX });
  const found = await es.search<LoadLogEntry>({
    index: LOAD_LOG_INDEX,
    size: 1000,
    query: { prefix: { stream: streamPrefix } },
    sort: [{ '@timestamp': 'asc' }],
  });
  return found.hits.hits.map((h) => h._source!);
}

function quality(streamPrefix: string, customerPrefix: string) {
  const run = spawnSync(
    process.execPath,
    [sightlineBin, 'quality', '--json', '--stream-prefix', streamPrefix, '--customer-prefix', customerPrefix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { code: run.status, results: run.stdout ? (JSON.parse(run.stdout) as CheckResult[]) : [] };
}

async function clean(): Promise<void> {
  await cleanTestMonth(es, PREFIX, MONTH);
  await deleteWhere(es, CONFLICTS_INDEX, { prefix: { customer_id: PREFIX } });
  for (const streams of [FILES, `${config.firehoseTopic}/`]) {
    await deleteWhere(es, LOAD_LOG_INDEX, { prefix: { stream: streams } });
    await deleteWhere(es, QUALITY_INDEX, { prefix: { source: streams } });
  }
  await deleteWhere(es, QUALITY_INDEX, { prefix: { source: `customer:${PREFIX}` } });
}

beforeAll(async () => {
  await clean();
  await createTestTopics(config, 2);
});
afterAll(async () => {
  await clean();
  await dropTestPipeline(config);
  await es.close();
});

describe('a txid that arrives again', () => {
  const customer = `${PREFIX}file`;
  const first = [0, 1, 2].map((n) => attempt(customer, n));

  it('in a file with the same content is a duplicate, not a conflict, however often it is replayed', async () => {
    expect(await fileIngest('first', first)).toMatchObject({ indexed: 3, duplicates: 0, conflicts: 0 });
    // Another ingest time, keys in another order: still the same content.
    const reordered = first.map((r) => Object.fromEntries(Object.entries(r).reverse()));
    for (const stream of ['again', 'again-2']) {
      expect(await fileIngest(stream, reordered)).toMatchObject({ indexed: 3, duplicates: 3, conflicts: 0 });
    }
    const [again] = await entries(`${FILES}again`);
    expect(again).toMatchObject({ read: 3, stored: 0, duplicates: 3, conflicts: 0 });
    expect(await conflictsOf(`${customer}-1`)).toEqual([]);
  });

  it('in a file with other content keeps the stored copy and records the new one as a conflict', async () => {
    const before = await stored(`${customer}-1`);
    const forged = attempt(customer, 1, { result: 'denied', reason: 'no_response' });
    const summary = await fileIngest('forged', [first[0]!, forged, first[2]!]);
    expect(summary).toMatchObject({ indexed: 3, duplicates: 2, conflicts: 1 });

    const after = await stored(`${customer}-1`);
    expect(after).toEqual(before);
    expect(after.result).toBe('success');

    const [conflict, ...more] = await conflictsOf(`${customer}-1`);
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({
      customer_id: customer,
      stream: `${FILES}forged`,
      position: '2',
      stored_hash: before.content_hash,
      record: { txid: `${customer}-1`, result: 'denied', reason: 'no_response' },
    });
    expect(conflict!.new_hash).not.toBe(before.content_hash);
    expect(JSON.parse(conflict!.raw)).toEqual(forged);

    const [entry] = await entries(`${FILES}forged`);
    expect(entry).toMatchObject({ read: 3, stored: 0, duplicates: 2, conflicts: 1 });

    // The forged copy sent once more: counted again where it arrives, kept as evidence once.
    expect(await fileIngest('forged-again', [forged])).toMatchObject({ conflicts: 1 });
    expect((await conflictsOf(`${customer}-1`)).map((c) => c.stream)).toEqual([`${FILES}forged`]);
  });

  it('fails the duplicates check, which is critical: sightline quality exits 1 naming the txid', async () => {
    const { code, results } = quality(FILES, PREFIX);
    expect(code).toBe(1);
    const failing = results.filter((r) => r.status === 'fail');
    expect(failing.map((r) => [r.check, r.source, r.measured])).toEqual([
      ['duplicates', `${FILES}forged`, 1],
      ['duplicates', `${FILES}forged-again`, 1],
    ]);
    expect(failing[0]).toMatchObject({
      severity: 'critical',
      policy: 'pause',
      subject: 'txids re-sent with different content',
    });
    expect(failing[0]!.detail).toContain(`${customer}-1`);
    expect(results.find((r) => r.check === 'duplicates' && r.source === `${FILES}again`)?.status).toBe(
      'pass',
    );
  });

  it(
    'through the firehose: a redelivered copy is a duplicate, one with other content a conflict',
    {
      timeout: 300_000,
    },
    async () => {
      const tenant = `${PREFIX}sink`;
      const original = [0, 1, 2].map((n) => attempt(tenant, n));
      const message = (r: Record<string, unknown>) => ({ key: tenant, value: JSON.stringify(r) });
      const sinkUntilDrained = async () => {
        const stop = new AbortController();
        const done = runSink({
          config,
          es,
          signal: stop.signal,
          log: () => undefined,
          sessionTimeoutMs: 6000,
        });
        try {
          expect(await waitForDrain(config)).toBe(0);
        } finally {
          stop.abort();
          await done;
        }
      };
      const sums = async () => {
        const all = await entries(`${config.firehoseTopic}/`);
        const sum = (k: 'read' | 'stored' | 'duplicates' | 'conflicts') =>
          all.reduce((n, e) => n + (e[k] ?? 0), 0);
        return {
          read: sum('read'),
          stored: sum('stored'),
          duplicates: sum('duplicates'),
          conflicts: sum('conflicts'),
        };
      };

      await publishRaw(config, original.map(message));
      await sinkUntilDrained();
      const before = await stored(`${tenant}-2`);
      await publishRaw(config, original.map(message));
      await sinkUntilDrained();
      expect(await sums()).toEqual({ read: 6, stored: 3, duplicates: 3, conflicts: 0 });

      const forged = attempt(tenant, 2, { user: { name: 'mallory' } });
      await publishRaw(config, [message(forged)]);
      await sinkUntilDrained();
      expect(await sums()).toEqual({ read: 7, stored: 3, duplicates: 3, conflicts: 1 });
      expect(await stored(`${tenant}-2`)).toEqual(before);
      const [conflict] = await conflictsOf(`${tenant}-2`);
      expect(conflict).toMatchObject({
        stream: expect.stringMatching(new RegExp(`^${config.firehoseTopic.replaceAll('.', '\\.')}/\\d$`)),
        position: expect.stringMatching(/^\d+$/),
        stored_hash: before.content_hash,
        record: { user: { name: 'mallory' } },
      });

      const { code, results } = quality(`${config.firehoseTopic}/`, tenant);
      expect(code).toBe(1);
      expect(results.filter((r) => r.status === 'fail').map((r) => [r.check, r.source])).toEqual([
        ['duplicates', conflict!.stream],
      ]);
    },
  );
});
