import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { mountDataHealth } from '../packages/query-api/src/data-health/route';
import { loadsSchema, qualitySchema, sourcesSchema, versionsSchema } from '@sightline/schema/api-schemas';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import { indexTemplate } from '../packages/query-api/src/ingest/template';
import {
  ensureLoadLog,
  LOAD_LOG_INDEX,
  recordLoads,
  type LoadLogEntry,
} from '../packages/query-api/src/pipeline/load-log';
import { QUALITY_INDEX, recordResults, type CheckResult } from '../packages/query-api/src/pipeline/quality';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { originalVersion, rebuildVersion, versionsPattern } from '../packages/query-api/src/versions/names';
import { VERSIONS_INDEX, VersionRegistry } from '../packages/query-api/src/versions/registry';
import { cleanTestMonth, deleteWhere, esClient } from './ingest.support';
import { openApiChecker } from './support/openapi';

const checkAnswer = openApiChecker();

/** This file's month (its own index and versions), customers and load-log streams. */
const MONTH = '2007-04';
const PERIOD = '2007.04';
const PREFIX = 'itest-dhealth-';
const STREAMS = 'itest-dhealth/';
const ACME = `${PREFIX}acme`;
const GLOBEX = `${PREFIX}globex`;
const client = esClient();
const apiEs = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');

/** The page's day: loads committed on it, and "now" the end of it. */
const FROM = '2007-04-10T00:00:00.000Z';
const TO = '2007-04-11T00:00:00.000Z';
const NOW = new Date(TO);
const at = (hhmm: string) => `2007-04-10T${hhmm}:00.000Z`;

const tokens = createTokenStore([
  { name: 'acme', sha256: hashToken('t-acme'), customer: ACME, admin: false },
  { name: 'admin', sha256: hashToken('t-admin'), customer: null, admin: true },
]);

function appAt(now?: Date) {
  const app = createApp({
    es: apiEs,
    tokens,
    ...(now ? { now: () => now } : {}),
    extend: (api, deps) => mountDataHealth(apiEs)(api, deps),
  });
  return async (path: string, token = 't-admin') => {
    const response = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await response.json()) as Record<string, unknown>;
    // Every answer, as the OpenAPI document says it is.
    expect(checkAnswer(new URL(path, 'http://x').pathname, 'get', response.status, body)).toEqual([]);
    return { status: response.status, body };
  };
}
const call = appAt(NOW);

function batch(
  loader: LoadLogEntry['loader'],
  stream: string,
  committed: string,
  n: { from: number; read: number; stored: number; duplicates?: number; flagged?: number; rejected?: number },
  eventTo = committed,
): LoadLogEntry {
  return {
    '@timestamp': committed,
    loader,
    stream: `${STREAMS}${stream}`,
    from: String(n.from),
    to: String(n.from + n.read - 1),
    event_from: new Date(Date.parse(eventTo) - 600_000).toISOString(),
    event_to: eventTo,
    ingested_from: committed,
    ingested_to: committed,
    read: n.read,
    stored: n.stored,
    duplicates: n.duplicates ?? 0,
    flagged: n.flagged ?? 0,
    rejected: n.rejected ?? 0,
    duration_ms: 40,
  };
}

const ENTRIES: LoadLogEntry[] = [
  batch('batcher', 'shard-0', at('10:05'), {
    from: 1,
    read: 100,
    stored: 96,
    duplicates: 1,
    flagged: 3,
    rejected: 2,
  }),
  batch('batcher', 'shard-0', at('10:40'), { from: 101, read: 50, stored: 50, flagged: 1 }),
  batch('batcher', 'shard-0', at('23:30'), { from: 151, read: 20, stored: 20 }, at('23:20')),
  // Its newest event is three days old when the page looks: stale, whatever was committed since.
  batch(
    'sink',
    'firehose/0',
    at('10:15'),
    { from: 0, read: 200, stored: 190, duplicates: 10 },
    '2007-04-08T00:00:00.000Z',
  ),
  // A version switch loads nothing: never counted.
  { ...batch('version', 'versions', at('10:20'), { from: 0, read: 0, stored: 0 }), from: 'a', to: 'b' },
];

function result(source: string, status: CheckResult['status'], runAt: string, measured: number): CheckResult {
  return {
    check: source.startsWith('customer:') ? 'empty_dimension' : 'zero_rows',
    severity: 'critical',
    policy: 'warn',
    kind: 'system',
    status,
    measured,
    threshold: 1,
    at: runAt,
    source,
    subject: source.startsWith('customer:') ? 'user.name' : 'rows in the last hour',
    detail: `measured ${measured}`,
  };
}

/** Records of this month: half from Germany, half from France, unless `only` says one country. */
function records(customer: string, count: number, only?: string) {
  return Array.from({ length: count }, (_, n) => {
    const code = only ?? (n % 2 === 0 ? 'DE' : 'FR');
    return {
      txid: `${customer}-${n}`,
      customer_id: customer,
      ts: `2007-04-05T10:${String(n % 60).padStart(2, '0')}:00.000Z`,
      result: 'success',
      reason: 'user_approved',
      factor: 'duo_push',
      user: { name: `user${n % 5}` },
      application: { name: 'Payroll' },
      access_device: { ip: '203.0.113.9', location: { country_code: code } },
    };
  });
}

async function store(
  values: Record<string, unknown>[],
  options: { indexName?: () => string; stream?: string },
) {
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-dhealth-')), 'rejects.ndjson'));
  const summary = await ingest(client, {
    items: values.map((value, i) => ({ line: i + 1, value })),
    rejects,
    refresh: true,
    ...(options.indexName ? { indexName: options.indexName } : {}),
    loadLog: options.stream ? { stream: `${STREAMS}${options.stream}` } : false,
  });
  expect(summary.rejected).toBe(0);
}

const REBUILD = rebuildVersion(PERIOD, 1);

async function clean(): Promise<void> {
  const versions = (await client.cat.indices({
    index: versionsPattern(PERIOD),
    format: 'json',
    h: 'index',
  })) as {
    index: string;
  }[];
  const rebuilds = versions.map((v) => v.index).filter((i) => i !== originalVersion(PERIOD));
  if (rebuilds.length > 0) await client.indices.delete({ index: rebuilds });
  await cleanTestMonth(client, PREFIX, MONTH);
  await deleteWhere(client, VERSIONS_INDEX, { term: { period: PERIOD } });
  await deleteWhere(client, LOAD_LOG_INDEX, { prefix: { stream: STREAMS } });
  await deleteWhere(client, QUALITY_INDEX, {
    bool: { should: [{ prefix: { source: STREAMS } }, { prefix: { source: `customer:${PREFIX}` } }] },
  });
}

beforeAll(async () => {
  await clean();
  await ensureLoadLog(client);
  await recordLoads(client, ENTRIES);
  await client.indices.refresh({ index: LOAD_LOG_INDEX });
  const shard = `${STREAMS}shard-0`;
  await recordResults(client, [
    result(shard, 'pass', at('10:00'), 40),
    result(`customer:${ACME}`, 'pass', at('10:00'), 0),
    result(`customer:${GLOBEX}`, 'pass', at('10:00'), 0),
  ]);
  await recordResults(client, [
    result(shard, 'fail', at('11:00'), 0),
    result(`customer:${ACME}`, 'pass', at('11:00'), 0),
    result(`customer:${GLOBEX}`, 'fail', at('11:00'), 3),
  ]);
  // The month as live writes stored it (the version in use), through the real ingest and its load-log entry…
  await store(records(ACME, 40), { stream: 'file' });
  // …and a rebuild that lost France: a switch to it would be refused.
  const { settings, mappings } = indexTemplate().template;
  await client.indices.create({ index: REBUILD, settings, mappings } as never);
  await store(records(ACME, 20, 'DE'), { indexName: () => REBUILD });
  await client.indices.refresh({ index: REBUILD });
  await new VersionRegistry(client).put({
    index: REBUILD,
    period: PERIOD,
    revision: 1,
    mapping_version: 1,
    state: 'built',
    created: NOW.toISOString(),
    built_at: NOW.toISOString(),
    topic: 'itest-dhealth',
    recorded_end: {},
    ranges: 0,
    read: 20,
    stored: 20,
    rejected: 0,
  });
}, 120_000);

afterAll(async () => {
  await clean();
  await client.close();
  await apiEs.close();
});

const RANGE = `from=${FROM}&to=${TO}`;
const mine = <T extends { stream: string }>(rows: T[]) => rows.filter((r) => r.stream.startsWith(STREAMS));

describe('the data health through the API, against Elasticsearch', () => {
  it('counts the loads per hour, loader and stream from the load log, leaving version switches out', async () => {
    const { status, body } = await call(`/api/data-health/loads?${RANGE}`);
    expect(status).toBe(200);
    const loads = loadsSchema.parse(body);
    const sources = mine(loads.sources);
    expect(sources.map((s) => [s.kind, s.stream])).toEqual([
      ['sink', `${STREAMS}firehose/0`],
      ['batcher', `${STREAMS}shard-0`],
    ]);
    const shard = sources[1]!;
    expect(shard.totals).toEqual({
      read: 170,
      stored: 166,
      duplicates: 1,
      flagged: 4,
      rejected: 2,
      batches: 3,
    });
    expect(shard.hours).toEqual([
      { t: at('10:00'), read: 150, stored: 146, duplicates: 1, flagged: 4, rejected: 2, batches: 2 },
      { t: at('23:00'), read: 20, stored: 20, duplicates: 0, flagged: 0, rejected: 0, batches: 1 },
    ]);
    expect(sources[0]!.totals).toMatchObject({ read: 200, stored: 190, duplicates: 10, batches: 1 });
    expect(loads.kinds.map((k) => k.kind).sort()).toEqual(['batcher', 'sink']);
    expect(JSON.stringify(loads)).not.toContain(`${STREAMS}versions`);
  });

  it('counts what the real file ingest recorded, over a range ending now', async () => {
    const { body } = await appAt()(`/api/data-health/loads?last=1h&stream=${STREAMS}`);
    const file = loadsSchema.parse(body).sources.find((s) => s.stream === `${STREAMS}file`);
    expect(file).toMatchObject({ kind: 'file', totals: { read: 40, stored: 40, batches: 1 } });
  });

  it('gives each source its newest event and ingestion times and the freshness verdict now', async () => {
    const { status, body } = await call(`/api/data-health/sources?${RANGE}`);
    expect(status).toBe(200);
    const health = sourcesSchema.parse(body);
    const [firehose, shard] = mine(health.sources);
    expect(shard).toMatchObject({
      kind: 'batcher',
      stream: `${STREAMS}shard-0`,
      lastBatchAt: at('23:30'),
      lastBatchAgeMs: 30 * 60_000,
      position: '170',
      newestEventAt: at('23:20'),
      newestEventAgeMs: 40 * 60_000,
      newestIngestedAt: at('23:30'),
      freshness: 'pass',
      lag: null,
    });
    expect(firehose).toMatchObject({
      kind: 'sink',
      newestEventAt: '2007-04-08T00:00:00.000Z',
      newestEventAgeMs: 3 * 86_400_000,
      freshness: 'fail',
    });
    // No Kafka is configured for this API: the lag is unknown, and says why.
    expect(health.lagAvailable).toBe(false);
    expect(health.lagUnavailable).toMatch(/not configured/);
    expect(health.freshness.customer).toBeNull();
  });

  it("lists each quality check's latest result and history, a customer seeing the streams' and its own", async () => {
    const all = qualitySchema.parse((await call(`/api/data-health/quality?${RANGE}`)).body);
    const checks = mine(
      all.checks.map((c) => ({ ...c, stream: c.source.replace(`customer:${PREFIX}`, STREAMS) })),
    );
    expect(checks.map((c) => [c.source, c.status, c.history.map((h) => h.status)])).toEqual(
      [
        [`${STREAMS}shard-0`, 'fail', ['fail', 'pass']],
        [`customer:${GLOBEX}`, 'fail', ['fail', 'pass']],
        [`customer:${ACME}`, 'pass', ['pass', 'pass']],
      ].sort((a, b) => (a[1] === b[1] ? String(a[0]).localeCompare(String(b[0])) : a[1] === 'fail' ? -1 : 1)),
    );
    const shard = all.checks.find((c) => c.source === `${STREAMS}shard-0`)!;
    expect(shard).toMatchObject({ check: 'zero_rows', severity: 'critical', measured: 0, at: at('11:00') });

    const scoped = qualitySchema.parse(
      (await call(`/api/data-health/quality?${RANGE}&customer=${ACME}`)).body,
    );
    const sources = scoped.checks.map((c) => c.source);
    expect(sources).toContain(`customer:${ACME}`);
    expect(sources).toContain(`${STREAMS}shard-0`);
    expect(sources).not.toContain(`customer:${GLOBEX}`);
  });

  it("compares each version with the one in use by the switch's own rules, naming what it would refuse", async () => {
    const { status, body } = await call(`/api/data-health/versions?period=${MONTH}`);
    expect(status).toBe(200);
    const versions = versionsSchema.parse(body);
    expect(versions.thresholds.rowCountRelative).toBe(0.005);
    const [period] = versions.periods;
    expect(period).toMatchObject({ period: PERIOD, inUse: originalVersion(PERIOD), lastSwitch: null });
    const [original, rebuild] = period!.versions;
    expect(original).toMatchObject({ inUse: true, state: 'original', differences: null, refused: false });
    expect(original!.fingerprint).toMatchObject({ rows: 40, byCountry: { DE: 20, FR: 20 } });
    expect(rebuild).toMatchObject({ version: REBUILD, state: 'built', inUse: false, refused: true });
    const rows = rebuild!.differences!.find((d) => d.measure === 'rows')!;
    expect(rows).toMatchObject({ inUse: 40, candidate: 20, refuses: true });
    expect(rebuild!.differences!.find((d) => d.measure === 'country: FR')).toMatchObject({
      inUse: 20,
      candidate: 0,
      refuses: false,
    });
  });

  it('is for admin tokens, and refuses a bad range or parameter by name', async () => {
    const refused = await call(`/api/data-health/loads?${RANGE}`, 't-acme');
    expect(refused.status).toBe(403);
    for (const [query, message] of [
      ['last=45d', 'longer than 31 days'],
      [`from=${TO}&to=${FROM}`, 'from is not before to'],
      [`from=${FROM}`, 'to is required'],
      ['last=24h&from=2007-04-10T00:00:00Z&to=2007-04-11T00:00:00Z', 'either last or from and to'],
      ['last=soon', 'relative span'],
      ['size=3', 'size'],
    ]) {
      const { status, body } = await call(`/api/data-health/quality?${query}`);
      expect(status, query).toBe(400);
      expect(JSON.stringify(body), query).toContain(message);
    }
    const badPeriod = await call('/api/data-health/versions?period=2007-13');
    expect(badPeriod.status).toBe(400);
    expect(JSON.stringify(badPeriod.body)).toContain('YYYY.MM');
    const badCustomer = await call('/api/data-health/quality?customer=a%20b');
    expect(badCustomer.status).toBe(400);
  });
});
