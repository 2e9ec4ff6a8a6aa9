import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
import { LOAD_LOG_INDEX } from '../packages/query-api/src/pipeline/load-log';
import { DEAD_LETTER_HEADERS, pipelineLag } from '../packages/query-api/src/pipeline/kafka';
import { indexForTimestamp, READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { cleanTestMonth, countCustomers, duplicateTxids, esClient } from './ingest.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  readDeadLetters,
  sightlineBin,
  spawnConsumer,
  testPipeline,
  waitForDrain,
  waitUntil,
} from './kafka.support';

/** This file's month (its own index), customers, topics and group. */
const MONTH = '2011-04';
const PREFIX = 'itest-sink-';
const config = testPipeline('sink');
const FAR_FUTURE = '+010000-01-01T00:00:00.000Z';
const client = esClient();

const records = [
  ...generateRecords({
    seed: 'itest-sink',
    count: 3000,
    end: new Date('2011-04-25T00:00:00Z'),
    days: 20,
    customerPrefix: PREFIX,
  }),
];
const later = [
  ...generateRecords({
    seed: 'itest-sink-later',
    count: 100,
    end: new Date('2011-04-28T00:00:00Z'),
    days: 2,
    customerPrefix: PREFIX,
  }),
];
/** A customer with records on the firehose: poison keyed by it lands on a partition that must keep moving. */
const tenant = records[0]!.customer_id;
const poison = [
  { key: tenant, value: 'this is not JSON', reason: 'not_json' },
  {
    key: tenant,
    value: JSON.stringify({ ts: '2011-04-10T10:00:00Z', result: 'success' }),
    reason: 'no_txid',
  },
  {
    key: tenant,
    value: JSON.stringify({ txid: 'itest-sink-bad-ts', ts: { when: 'yesterday' }, result: 'success' }),
    reason: 'no_time',
  },
  {
    key: tenant,
    value: JSON.stringify({
      txid: 'itest-sink-other',
      ts: '2011-04-10T10:00:00Z',
      customer_id: `${PREFIX}someone-else`,
    }),
    reason: 'tenant_mismatch',
  },
  {
    // Readable by JavaScript, refused by Elasticsearch's date mapping: a per-item mapping error.
    key: tenant,
    value: JSON.stringify({
      txid: 'itest-sink-year-10000',
      ts: FAR_FUTURE,
      customer_id: tenant,
      result: 'success',
    }),
    reason: 'elasticsearch',
  },
];

describe('the Elasticsearch sink', () => {
  beforeAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    await createTestTopics(config, 4);
  });
  afterAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    const entries = await client.search({
      index: LOAD_LOG_INDEX,
      size: 1000,
      _source: false,
      query: { prefix: { stream: `${config.firehoseTopic}/` } },
    });
    if (entries.hits.hits.length > 0) {
      await client.bulk({
        refresh: true,
        operations: entries.hits.hits.map((h) => ({ delete: { _index: LOAD_LOG_INDEX, _id: h._id! } })),
      });
    }
    // The refused record's month index was created before its document was refused; it stays empty.
    const farIndex = indexForTimestamp(FAR_FUTURE);
    if (await client.indices.exists({ index: farIndex })) {
      await client.indices.refresh({ index: farIndex });
      if ((await client.count({ index: farIndex })).count === 0)
        await client.indices.delete({ index: farIndex });
    }
    await dropTestPipeline(config);
    await client.close();
  });

  it(
    'stores every published record exactly once, dead-letters the unusable ones and keeps the partition moving',
    { timeout: 600_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sightline-itest-sink-'));
      const file = join(dir, 'records.ndjson');
      writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);

      const produced = spawnSync(
        process.execPath,
        [
          sightlineBin,
          'produce',
          file,
          '--json',
          '--brokers',
          config.brokers.join(','),
          '--topic',
          config.firehoseTopic,
          '--dead-letter-topic',
          config.deadLetterTopic,
        ],
        { encoding: 'utf8' },
      );
      expect(produced.stderr).not.toMatch(/sightline:/);
      expect(produced.status).toBe(0);
      expect(JSON.parse(produced.stdout)).toMatchObject({ read: 3000, published: 3000, rejected: 0 });

      const before = await pipelineLag(config);
      expect(before.totalLag).toBe(3000);
      expect(before.partitions.map((p) => p.committed)).toEqual([null, null, null, null]);

      // A producer that retried its first 500 sends, then poison, then more records for the same customers.
      await publishRaw(
        config,
        records.slice(0, 500).map((r) => ({ key: r.customer_id, value: JSON.stringify(r) })),
      );
      await publishRaw(config, poison);
      await publishRaw(
        config,
        later.map((r) => ({ key: r.customer_id, value: JSON.stringify(r) })),
      );

      const consumer = spawnConsumer(config, { args: ['--batch', '500'] });
      const stored = await waitUntil(() => countCustomers(client, PREFIX), 3100, consumer);
      const lag = await waitForDrain(config, consumer);
      consumer.child.kill('SIGTERM');
      expect(await consumer.exited).toEqual({ code: 0, signal: null });
      expect(consumer.lines.some((l) => /stopped after/.test(l))).toBe(true);

      expect(stored).toBe(3100);
      expect(lag).toBe(0);
      expect(await countCustomers(client, PREFIX)).toBe(3100);
      expect(await duplicateTxids(client, PREFIX)).toEqual([]);

      const after = await pipelineLag(config);
      for (const p of after.partitions) {
        // A partition no customer hashed to has nothing to commit.
        expect(p.committed).toBe(p.logEnd > 0 ? p.logEnd : null);
        expect(p.lag).toBe(0);
      }
      expect(after.deadLetter.messages).toBe(poison.length);

      const letters = await readDeadLetters(config, poison.length);
      expect(letters.map((l) => [l.value, l.headers[DEAD_LETTER_HEADERS.reason]])).toEqual(
        poison.map((p) => [p.value, p.reason]),
      );
      for (const letter of letters) {
        expect(letter.key).toBe(tenant);
        expect(letter.headers[DEAD_LETTER_HEADERS.topic]).toBe(config.firehoseTopic);
        expect(letter.headers[DEAD_LETTER_HEADERS.detail]).not.toBe('');
        expect(Number(letter.headers[DEAD_LETTER_HEADERS.partition])).toBeGreaterThanOrEqual(0);
        expect(Number(letter.headers[DEAD_LETTER_HEADERS.offset])).toBeGreaterThanOrEqual(0);
      }

      const sample = await client.search<{ ingested_at?: string }>({
        index: READ_ALIAS,
        size: 1,
        query: { prefix: { customer_id: PREFIX } },
      });
      expect(Date.parse(sample.hits.hits[0]!._source!.ingested_at ?? '')).not.toBeNaN();

      await client.indices.refresh({ index: LOAD_LOG_INDEX });
      const log = await client.search<{ read: number; stored: number; duplicates: number; rejected: number }>(
        {
          index: LOAD_LOG_INDEX,
          size: 1000,
          query: { prefix: { stream: `${config.firehoseTopic}/` } },
        },
      );
      const sum = (k: 'read' | 'stored' | 'duplicates' | 'rejected') =>
        log.hits.hits.reduce((s, h) => s + h._source![k], 0);
      expect({
        read: sum('read'),
        stored: sum('stored'),
        duplicates: sum('duplicates'),
        rejected: sum('rejected'),
      }).toEqual({
        read: 3000 + 500 + poison.length + 100,
        stored: 3100,
        duplicates: 500,
        rejected: poison.length,
      });
    },
  );
});
