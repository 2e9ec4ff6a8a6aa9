import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_INDICES, type AlertIndices } from '../packages/query-api/src/alerts/mapping';
import { EsAlertOutbox } from '../packages/query-api/src/alerts/outbox';
import { EsWebhookSettings } from '../packages/query-api/src/alerts/settings-store';
import { secretKeyOf } from '../packages/query-api/src/secrets/sealed';
import { badPasscode, record, refused, type Crafted } from '../packages/query-api/src/detection/test-support';
import { FINDINGS_INDEX } from '../packages/query-api/src/findings/mapping';
import { EsFindingStore } from '../packages/query-api/src/findings/store';
import type { StoredFinding } from '@sightline/schema/api';
import { runDetect } from '../packages/query-api/src/pipeline/detect/run';
import { pipelineLag, runSink } from '../packages/query-api/src/pipeline/kafka';
import { cleanTestMonth, esClient } from './ingest.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  spawnConsumer,
  testPipeline,
  waitForDrain,
} from './kafka.support';

/** This file's month, customers, topics and groups; the reference run's findings and outbox indices. */
const MONTH = '2009-09';
const MONTH_START = Date.parse(`${MONTH}-01T00:00:00Z`);
const PREFIX = 'itest-detkill-';
const CUSTOMERS = Array.from({ length: 4 }, (_, i) => `${PREFIX}c${i}`);
const ROUNDS = 14;
const config = testPipeline('detkill');
const reference = { ...config, detectorGroup: `${config.detectorGroup}-reference` };
const run = randomUUID().slice(0, 8);
const referenceIndices = {
  findings: `sightline-findings-itest-detkill-${run}`,
  mutes: `sightline-finding-mutes-itest-detkill-${run}`,
  audit: `sightline-findings-audit-itest-detkill-${run}`,
};
const referenceAlerts: AlertIndices = {
  settings: `sightline-alert-webhooks-itest-detkill-${run}`,
  deliveries: `sightline-alert-deliveries-itest-detkill-${run}`,
};
const client = esClient();

/**
 * One day of a customer: push fatigue (nine unanswered pushes, then an approval), passcode guessing,
 * a hop from New York to Moscow in half an hour, and ordinary approvals around them. Users are new
 * each day, so every day's attacks are findings of their own.
 */
function day(r: number): Crafted[] {
  return [
    ...Array.from({ length: 9 }, (_, i) =>
      refused({ txid: `r${r}-push-${i}`, at: i * 0.5, user: `ana${r}` }),
    ),
    { txid: `r${r}-push-ok`, at: 4.5, user: `ana${r}` },
    ...Array.from({ length: 6 }, (_, i) =>
      badPasscode({ txid: `r${r}-code-${i}`, at: 10 + i, user: `bo${r}`, ip: `203.0.113.${r + 1}` }),
    ),
    { txid: `r${r}-hop-ny`, at: 20, user: `cy${r}`, place: 'newYork' },
    { txid: `r${r}-hop-ru`, at: 50, user: `cy${r}`, place: 'moscow', ip: '192.0.2.77' },
    ...Array.from({ length: 20 }, (_, i) => ({ txid: `r${r}-ok-${i}`, at: 60 + i * 0.5, user: `u${i % 7}` })),
  ];
}

/** Every customer's records in event time (a customer's records share a partition, in this order). */
const messages = CUSTOMERS.flatMap((customer, c) =>
  Array.from({ length: ROUNDS }, (_, r) => day(r)).flatMap((crafted, r) =>
    crafted.map((one) => {
      const base = record(one);
      const ts = new Date(MONTH_START + (r * 24 + c) * 3_600_000 + one.at * 60_000).toISOString();
      const value = { ...base, txid: `${customer}-${one.txid}`, customer_id: customer, ts };
      return { key: customer, value: JSON.stringify(value) };
    }),
  ),
);

/** A customer's findings as the detector stored them, without what differs by when it wrote them. */
type Compared = Omit<StoredFinding, 'updatedAt'>;

async function findingsIn(index: string): Promise<Compared[]> {
  await client.indices.refresh({ index });
  const response = await client.search<StoredFinding>({
    index,
    size: 10_000,
    query: { prefix: { customer: PREFIX } },
    sort: [{ id: 'asc' }],
  });
  return response.hits.hits.map((h) => {
    const { updatedAt: _, ...rest } = h._source!;
    return rest;
  });
}

/** The outbox's deliveries of this file's customers: [finding id, event] of each, sorted. */
async function deliveriesIn(index: string): Promise<string[]> {
  await client.indices.refresh({ index });
  const response = await client.search<{ findingId: string; event: string }>({
    index,
    size: 10_000,
    query: { prefix: { customer: PREFIX } },
    _source: ['findingId', 'event'],
  });
  return response.hits.hits.map((h) => `${h._source!.findingId} ${h._source!.event}`).sort();
}

/** Search and bulk delete (this Elasticsearch has no delete_by_query) of this file's documents. */
async function deleteOwn(index: string, field: string): Promise<void> {
  await client.indices.refresh({ index }, { ignore: [404] });
  const response = await client.search(
    { index, size: 10_000, _source: false, query: { prefix: { [field]: PREFIX } } },
    { ignore: [404] },
  );
  const hits = response.hits?.hits ?? [];
  if (hits.length === 0) return;
  await client.bulk({
    operations: hits.map((h) => ({ delete: { _index: index, _id: h._id! } })),
    refresh: 'wait_for',
  });
}

async function committedRecords(group: string): Promise<number> {
  const lag = await pipelineLag({ ...config, indexerGroup: group });
  return lag.partitions.reduce((sum, p) => sum + (p.committed ?? 0), 0);
}

describe('sightline detect killed mid-stream', () => {
  beforeAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    await Promise.all([
      deleteOwn(FINDINGS_INDEX, 'customer'),
      deleteOwn(DEFAULT_ALERT_INDICES.deliveries, 'customer'),
    ]);
    await createTestTopics(config, 4);
    // Each customer has a webhook for every finding, so the outbox records each one.
    const key = () => secretKeyOf(randomBytes(32));
    for (const settings of [
      new EsWebhookSettings(client, DEFAULT_ALERT_INDICES, key),
      new EsWebhookSettings(client, referenceAlerts, key),
    ]) {
      for (const customer of CUSTOMERS)
        await settings.put(
          customer,
          { url: 'http://127.0.0.1:9/itest-detkill', minSeverity: 'low', enabled: true },
          'itest-detkill',
          new Date(MONTH_START).toISOString(),
        );
    }
    await publishRaw(config, messages);
    // The indexer stores the records first: a restarted detector warms from them, as in production.
    const stop = new AbortController();
    const sink = runSink({
      config,
      es: client,
      signal: stop.signal,
      sessionTimeoutMs: 6000,
      log: () => undefined,
    });
    try {
      expect(await waitForDrain(config)).toBe(0);
    } finally {
      stop.abort();
      await sink;
    }
  }, 300_000);

  afterAll(async () => {
    await dropTestPipeline(config);
    await dropTestPipeline(reference);
    await deleteOwn(FINDINGS_INDEX, 'customer');
    await deleteOwn(DEFAULT_ALERT_INDICES.deliveries, 'customer');
    for (const customer of CUSTOMERS)
      await client.delete({ index: DEFAULT_ALERT_INDICES.settings, id: customer }, { ignore: [404] });
    await client.indices.delete(
      { index: [...Object.values(referenceIndices), ...Object.values(referenceAlerts)] },
      { ignore: [404] },
    );
    await cleanTestMonth(client, PREFIX, MONTH);
    await client.close();
  });

  it(
    'restarted, stores the findings of an uninterrupted run: none lost, none doubled, the same evidence, each alert recorded once',
    { timeout: 600_000 },
    async () => {
      // The uninterrupted run: the same detector in this process, a group and indices of its own.
      const stop = new AbortController();
      const settings = new EsWebhookSettings(client, referenceAlerts);
      const uninterrupted = runDetect({
        config: reference,
        es: client,
        store: new EsFindingStore(client, referenceIndices),
        alerts: new EsAlertOutbox(client, settings),
        signal: stop.signal,
        sessionTimeoutMs: 6000,
        log: () => undefined,
      });
      try {
        expect(await waitForDrain({ ...reference, indexerGroup: reference.detectorGroup })).toBe(0);
      } finally {
        stop.abort();
        await uninterrupted;
      }
      const expected = await findingsIn(referenceIndices.findings);
      const expectedAlerts = await deliveriesIn(referenceAlerts.deliveries);
      expect(expected.map((f) => f.type)).toEqual(
        expect.arrayContaining(['push_fatigue', 'brute_force', 'impossible_travel']),
      );
      expect(expected.filter((f) => f.type === 'push_fatigue')).toHaveLength(CUSTOMERS.length * ROUNDS);
      expect(expectedAlerts).toHaveLength(expected.length);

      // The killed run: small batches, so it is killed between a batch's findings and its commit or
      // with batches fetched and not yet committed; never at the end.
      const first = spawnConsumer(config, { command: 'detect', args: ['--batch', '10', '--linger-ms', '0'] });
      const progress = /detect: \d+ batches, (\d+) records/;
      for (;;) {
        const line = await first.waitForLine(progress, Math.max(0, first.lines.length - 1));
        if (Number(progress.exec(line)![1]) >= messages.length / 3) break;
        await sleep(20);
      }
      expect(first.child.exitCode, 'the detector finished before it could be killed').toBeNull();
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      const committed = await committedRecords(config.detectorGroup);
      expect(committed).toBeGreaterThan(0);
      expect(committed, 'the killed detector had committed everything').toBeLessThan(messages.length);
      const partial = await findingsIn(FINDINGS_INDEX);
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(expected.length);

      const second = spawnConsumer(config, { command: 'detect', args: ['--batch', '200'] });
      expect(await waitForDrain({ ...config, indexerGroup: config.detectorGroup }, second)).toBe(0);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      // The restart warmed each customer from its stored records instead of starting blank.
      expect(second.lines.some((l) => /detect: warmed itest-detkill-c\d with [1-9]\d* records/.test(l))).toBe(
        true,
      );

      const after = await findingsIn(FINDINGS_INDEX);
      expect(after.map((f) => f.id)).toEqual(expected.map((f) => f.id));
      expect(after).toEqual(expected);
      expect(await deliveriesIn(DEFAULT_ALERT_INDICES.deliveries)).toEqual(expectedAlerts);
    },
  );
});
