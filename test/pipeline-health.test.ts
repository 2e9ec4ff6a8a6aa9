import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { generateRecords, type GeneratedRecord } from '../packages/query-api/src/generate';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import {
  freshnessSchema,
  pipelineHealthSchema,
  type Freshness,
  type PipelineHealth,
  type PipelinePort,
} from '@sightline/schema/api-schemas';
import { kafkaPipelinePort } from '../packages/query-api/src/pipeline/health/kafka-port';
import {
  ensureLoadLog,
  LOAD_LOG_INDEX,
  recordLoad,
  type LoadLogEntry,
} from '../packages/query-api/src/pipeline/load-log';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { cleanTestMonth, esClient } from './ingest.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  spawnConsumer,
  testPipeline,
  waitForDrain,
} from './kafka.support';

/** This file's month (its own index), customers, load-log streams, topics and group. */
const MONTH = '2013-06';
const PREFIX = 'itest-health-';
const SHARDS = ['itest_health_shard_0', 'itest_health_shard_1'];
const config = testPipeline('health');
const client = esClient();
const apiEs = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');

const records = [
  ...generateRecords({
    seed: 'itest-health',
    count: 400,
    end: new Date('2013-06-20T00:00:00Z'),
    days: 10,
    customerPrefix: PREFIX,
  }),
];
const customers = [...new Set(records.map((r) => r.customer_id))];
const [ACME, GLOBEX] = [customers[0]!, customers[1]!];
const tokens = createTokenStore([
  { name: 'acme', sha256: hashToken('t-acme'), customer: ACME, admin: false },
  { name: 'globex', sha256: hashToken('t-globex'), customer: GLOBEX, admin: false },
  { name: 'admin', sha256: hashToken('t-admin'), customer: null, admin: true },
]);

/** A fresh app per phase, so no answer cached by the previous phase is read. */
function appWith(now: Date, pipeline?: PipelinePort) {
  const app = createApp({ es: apiEs, tokens, now: () => now, ...(pipeline ? { pipeline } : {}) });
  return (path: string, token: string) =>
    app.request(path, { headers: { Authorization: `Bearer ${token}` } });
}

async function freshness(call: ReturnType<typeof appWith>, path: string, token: string): Promise<Freshness> {
  const response = await call(path, token);
  expect(response.status).toBe(200);
  return freshnessSchema.parse(await response.json());
}

async function health(call: ReturnType<typeof appWith>): Promise<PipelineHealth> {
  const response = await call('/api/pipeline', 't-admin');
  expect(response.status).toBe(200);
  return pipelineHealthSchema.parse(await response.json());
}

const newestOf = (rs: readonly GeneratedRecord[], customer: string) =>
  new Date(
    Math.max(...rs.filter((r) => r.customer_id === customer).map((r) => Date.parse(r.ts))),
  ).toISOString();

/** The newest ingested_at of a customer, asked of Elasticsearch directly: the oracle. */
async function newestIngested(customer: string): Promise<string> {
  await client.indices.refresh({ index: READ_ALIAS });
  const found = await client.search({
    index: READ_ALIAS,
    size: 1,
    query: { term: { customer_id: customer } },
    sort: [{ ingested_at: 'desc' }],
    _source: ['ingested_at'],
  });
  return new Date((found.hits.hits[0]!._source as { ingested_at: string }).ingested_at).toISOString();
}

function entry(
  stream: string,
  loader: LoadLogEntry['loader'],
  from: string,
  to: string,
  at: Date,
): LoadLogEntry {
  return {
    '@timestamp': at.toISOString(),
    loader,
    stream,
    from,
    to,
    read: 50,
    stored: 48,
    duplicates: 1,
    flagged: 3,
    rejected: 1,
    duration_ms: 25,
  };
}

async function dropLoadLog(): Promise<void> {
  await client.indices.refresh({ index: LOAD_LOG_INDEX, ignore_unavailable: true });
  const found = await client.search({
    index: LOAD_LOG_INDEX,
    ignore_unavailable: true,
    size: 1000,
    _source: false,
    query: {
      bool: {
        should: [
          { prefix: { stream: `${config.firehoseTopic}/` } },
          ...SHARDS.map((s) => ({ term: { stream: `mysql/${s}` } })),
        ],
      },
    },
  });
  if (found.hits.hits.length === 0) return;
  await client.bulk({
    refresh: true,
    operations: found.hits.hits.map((h) => ({ delete: { _index: LOAD_LOG_INDEX, _id: h._id! } })),
  });
}

beforeAll(async () => {
  await cleanTestMonth(client, PREFIX, MONTH);
  await dropLoadLog();
  await ensureLoadLog(client);
});

afterAll(async () => {
  await cleanTestMonth(client, PREFIX, MONTH);
  await dropLoadLog();
  await dropTestPipeline(config);
  await client.close();
  await apiEs.close();
});

describe('GET /api/freshness against Elasticsearch', () => {
  const ACME_INGESTED = new Date('2013-06-21T08:00:00.000Z');
  const GLOBEX_INGESTED = new Date('2013-06-21T09:30:00.000Z');

  beforeAll(async () => {
    // Each customer ingested at its own instant, so whose figures an answer holds is plain to see.
    for (const [customer, at] of [
      [ACME, ACME_INGESTED],
      [GLOBEX, GLOBEX_INGESTED],
    ] as const) {
      const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-health-')), 'rejects.ndjson'));
      const mine = records.filter((r) => r.customer_id === customer);
      const items = mine.map((value, i) => ({ line: i + 1, value }));
      await ingest(client, { items, rejects, refresh: true, clock: () => at });
    }
  });

  it("gives a customer its own newest event and ingestion times and their ages, no one else's", async () => {
    const now = new Date('2013-06-21T10:00:00.000Z');
    const call = appWith(now);
    const acme = await freshness(call, '/api/freshness', 't-acme');
    expect(acme).toMatchObject({
      customer: ACME,
      newestEventAt: newestOf(records, ACME),
      newestEventAgeMs: now.getTime() - Date.parse(newestOf(records, ACME)),
      newestIngestedAt: ACME_INGESTED.toISOString(),
      newestIngestedAgeMs: 2 * 3_600_000,
      lag: null,
      stale: false,
    });
    expect(acme.lagUnavailable).toMatch(/not configured/);
    const globex = await freshness(call, '/api/freshness', 't-globex');
    expect(globex).toMatchObject({ customer: GLOBEX, newestIngestedAt: GLOBEX_INGESTED.toISOString() });
    expect((await call(`/api/freshness?customer=${GLOBEX}`, 't-acme')).status).toBe(403);
  });

  it("gives an admin a named customer's figures, or the newest over every customer", async () => {
    const call = appWith(new Date('2013-06-21T10:00:00.000Z'));
    const named = await freshness(call, `/api/freshness?customer=${ACME}`, 't-admin');
    expect(named.newestIngestedAt).toBe(ACME_INGESTED.toISOString());
    const all = await freshness(call, '/api/freshness', 't-admin');
    expect(all.customer).toBeNull();
    expect(Date.parse(all.newestIngestedAt!)).toBeGreaterThanOrEqual(GLOBEX_INGESTED.getTime());
  });
});

describe('GET /api/pipeline from the load log', () => {
  const T = new Date('2013-06-21T12:00:00.000Z');
  const ago = (ms: number) => new Date(T.getTime() - ms);

  beforeAll(async () => {
    await recordLoad(client, entry(`mysql/${SHARDS[0]}`, 'batcher', '1', '500', ago(120_000)));
    await recordLoad(client, entry(`mysql/${SHARDS[0]}`, 'batcher', '501', '900', ago(20_000)));
    await recordLoad(client, entry(`mysql/${SHARDS[1]}`, 'batcher', '1', '350', ago(5_000)));
    await recordLoad(client, entry(`${config.firehoseTopic}/0`, 'sink', '0', '49', ago(3_000)));
    await recordLoad(client, entry(`${config.firehoseTopic}/1`, 'sink', '0', '12', ago(70_000)));
    await client.indices.refresh({ index: LOAD_LOG_INDEX });
  });

  it("gives each shard's cursor and last batch and each firehose partition's last batch", async () => {
    const port: PipelinePort = {
      ...kafkaPipelinePort(config),
      lag: () => Promise.reject(new Error('not asked')),
    };
    const body = await health(appWith(T, port));
    const mine = body.shards.filter((s) => SHARDS.includes(s.shard));
    expect(mine).toEqual([
      {
        shard: SHARDS[0],
        stream: `mysql/${SHARDS[0]}`,
        cursor: '900',
        lastBatch: expect.objectContaining({
          from: '501',
          to: '900',
          ageMs: 20_000,
          stored: 48,
          rejected: 1,
        }),
      },
      expect.objectContaining({ shard: SHARDS[1], cursor: '350' }),
    ]);
    expect(body.firehose).toEqual([
      expect.objectContaining({
        partition: 0,
        lastBatch: expect.objectContaining({ to: '49', ageMs: 3_000 }),
      }),
      expect.objectContaining({
        partition: 1,
        lastBatch: expect.objectContaining({ to: '12', loader: 'sink' }),
      }),
    ]);
  });

  it('answers 200 with the Kafka part unavailable, and why, when no broker answers', async () => {
    const unreachable = kafkaPipelinePort({ ...config, brokers: ['127.0.0.1:1'] });
    const call = appWith(T, unreachable);
    const body = await health(call);
    expect(body.kafka.available).toBe(false);
    expect(body.kafka).toMatchObject({ reason: expect.stringMatching(/^cannot read the lag from Kafka: /) });
    expect(body.status).toBe('stalled');
    expect(body.shards.filter((s) => SHARDS.includes(s.shard))).toHaveLength(2);
    const fresh = await freshness(call, '/api/freshness', 't-acme');
    expect(fresh.lag).toBeNull();
    expect(fresh.lagUnavailable).toMatch(/^cannot read the lag from Kafka: /);
  });
});

describe('the Kafka part against the real broker', () => {
  const later = [
    ...generateRecords({
      seed: 'itest-health-later',
      count: 30,
      end: new Date('2013-06-25T00:00:00Z'),
      days: 1,
      customerPrefix: PREFIX,
    }),
  ];

  beforeAll(async () => {
    await createTestTopics(config, 3);
    await dropLoadLog();
  });

  it('shows records waiting per partition and the dead letters, then the sink catching up', async () => {
    await publishRaw(
      config,
      records.map((r) => ({ key: r.customer_id, value: JSON.stringify(r) })),
    );
    const producer = new Producer({
      clientId: 'itest-health-dlq',
      bootstrapBrokers: config.brokers,
      serializers: stringSerializers,
    });
    try {
      await producer.send({
        messages: [1, 2].map((n) => ({ topic: config.deadLetterTopic, value: `poison ${n}` })),
        acks: -1,
      });
    } finally {
      await producer.close();
    }

    const waiting = await health(appWith(new Date(), kafkaPipelinePort(config)));
    expect(waiting.kafka).toMatchObject({
      available: true,
      topic: config.firehoseTopic,
      group: config.indexerGroup,
      totalLag: records.length,
      deadLetterTopic: config.deadLetterTopic,
      deadLetters: 2,
    });
    if (!waiting.kafka.available) throw new Error('unreachable');
    expect(waiting.kafka.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    expect(waiting.kafka.partitions.every((p) => p.committed === null && p.lag === p.end)).toBe(true);
    // Records wait and the group never committed a batch: nothing is moving them.
    expect(waiting.status).toBe('stalled');
    expect(waiting.freshness.lag).toBe(records.length);

    const consumer = spawnConsumer(config, { args: ['--batch', '100'] });
    const drained = await waitForDrain(config);
    consumer.child.kill('SIGTERM');
    await consumer.exited;
    expect(drained).toBe(0);
    // What the sink stored becomes searchable at the next refresh (within a second); make it now.
    await client.indices.refresh({ index: [LOAD_LOG_INDEX, READ_ALIAS] });
    const oracle = await newestIngested(ACME);

    const now = new Date();
    const caughtUp = await health(appWith(now, kafkaPipelinePort(config)));
    expect(caughtUp).toMatchObject({ status: 'ok', reasons: [], kafka: { totalLag: 0, deadLetters: 2 } });
    // Every partition that had records has the sink's last batch, ending where the group committed.
    if (!caughtUp.kafka.available) throw new Error('unreachable');
    for (const p of caughtUp.kafka.partitions.filter((p) => p.end > 0)) {
      const batch = caughtUp.firehose.find((f) => f.partition === p.partition)?.lastBatch;
      expect(batch).toMatchObject({ loader: 'sink', to: String(p.end - 1) });
    }
    const acme = await freshness(appWith(now, kafkaPipelinePort(config)), '/api/freshness', 't-acme');
    expect(acme).toMatchObject({ lag: 0, stale: false, newestIngestedAt: oracle });

    // New attempts arrive while no sink runs: the customer's freshness counts them as waiting.
    await publishRaw(
      config,
      later.map((r) => ({ key: r.customer_id, value: JSON.stringify(r) })),
    );
    const behind = await freshness(
      appWith(new Date(), kafkaPipelinePort(config)),
      '/api/freshness',
      't-acme',
    );
    expect(behind.lag).toBe(later.length);
  });
});
