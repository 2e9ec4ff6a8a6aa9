import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createClient, SightlineApiError } from '../packages/client/src';
import { type StoredFinding } from '@sightline/schema/api';
import { badPasscode, record, refused, type Crafted } from '../packages/query-api/src/detection/test-support';
import { mountFindings } from '../packages/query-api/src/findings/route';
import { EsFindingStore, type FindingAuditEntry } from '../packages/query-api/src/findings/store';
import { runDetect, type DetectTotals } from '../packages/query-api/src/pipeline/detect/run';
import { runSink } from '../packages/query-api/src/pipeline/kafka';
import { randomCursorKey } from '../packages/query-api/src/server/cursor-key';
import { createApp } from '../packages/query-api/src/server/app';
import { deleteCustomers, esClient } from './ingest.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  testPipeline,
  waitForDrain,
  type KafkaTestConfig,
} from './kafka.support';

/** This file's customers, topics, group and findings indices. */
const PREFIX = 'itest-findings-';
const ACME = `${PREFIX}acme`;
const GLOBEX = `${PREFIX}globex`;
const config = testPipeline('findings');
const run = config.firehoseTopic.split('.').pop()!;
const indices = {
  findings: `sightline-findings-itest-${run}`,
  mutes: `sightline-finding-mutes-itest-${run}`,
  audit: `sightline-findings-audit-itest-${run}`,
};
const client = esClient();
const store = new EsFindingStore(client, indices);

/** Nine unanswered pushes to ana in four minutes, then her approval: push fatigue at acme. */
const fatigue: Crafted[] = [
  ...Array.from({ length: 9 }, (_, i) => refused({ txid: `${PREFIX}push-${i + 1}`, at: i * 0.5 })),
  { txid: `${PREFIX}push-ok`, at: 4.5 },
];
/** Six invalid passcodes for bo within five minutes: brute force at globex. */
const guessing: Crafted[] = Array.from({ length: 6 }, (_, i) =>
  badPasscode({ txid: `${PREFIX}code-${i + 1}`, at: 60 + i, user: 'bo', ip: '203.0.113.9' }),
);

/**
 * A push cy marked as fraud, as Duo's Admin API writes it, with Duo's own verdict: a finding from the
 * source at globex. Its suppressed NOVEL_ASN is Duo judging that part benign: no finding of its own.
 */
const duoFraud = {
  txid: `${PREFIX}duo-fraud`,
  isotimestamp: '2026-11-02T12:00:00.000000+00:00',
  event_type: 'authentication',
  result: 'fraud',
  reason: 'user_marked_fraud',
  factor: 'duo_push',
  user: { name: 'cy', key: 'DUCY', groups: [] },
  application: { name: 'Acme Corp IdP', key: 'DIIDP', destination_name: 'Microsoft 365' },
  access_device: { ip: '203.0.113.50', location: { city: null, country: null, state: null } },
  adaptive_trust_assessments: {
    more_secure_auth: {
      detected_attack_detectors: ['USER_MARKED_FRAUD'],
      reason: 'Low level of trust; detection of one or more known attack patterns',
      trust_level: 'LOW',
    },
  },
  rbfs_triggered_attacks: [{ detector: 'NOVEL_ASN', suppressed: 'KNOWN_IP' }],
};

const messages = [
  ...fatigue.map((c) => ({ key: ACME, value: JSON.stringify({ ...record(c), customer_id: ACME }) })),
  ...guessing.map((c) => ({ key: GLOBEX, value: JSON.stringify({ ...record(c), customer_id: GLOBEX }) })),
  { key: GLOBEX, value: JSON.stringify(duoFraud) },
  // Unusable: the indexer dead-letters it; detection passes over it and keeps the partition moving.
  { key: ACME, value: 'this is not JSON' },
];

const TOKENS = {
  acme: 'itest-findings-acme',
  globex: 'itest-findings-globex',
  admin: 'itest-findings-admin',
};
const app = createApp({
  es: client,
  tokens: createTokenStore([
    { name: 'acme-analyst', sha256: hashToken(TOKENS.acme), customer: ACME, admin: false },
    { name: 'globex-analyst', sha256: hashToken(TOKENS.globex), customer: GLOBEX, admin: false },
    { name: 'ops-admin', sha256: hashToken(TOKENS.admin), customer: null, admin: true },
  ]),
  cursors: randomCursorKey(),
  extend: mountFindings(client, store),
});
const apiFor = (token: string, customer?: string) =>
  createClient({
    baseUrl: 'http://sightline.test',
    token,
    ...(customer ? { customer } : {}),
    fetch: async (input, init) => app.request(String(input), init),
  });
const acme = apiFor(TOKENS.acme);
const globex = apiFor(TOKENS.globex);

/** Detectors still running: a failed test stops its own, so the next one joins an empty group. */
const running = new Set<() => Promise<DetectTotals>>();

/** A detector member of the test's group, in this process, until stopped. */
function startDetector(pipeline: KafkaTestConfig) {
  const stop = new AbortController();
  const lines: string[] = [];
  const done = runDetect({
    config: pipeline,
    es: client,
    store,
    signal: stop.signal,
    sessionTimeoutMs: 6000,
    progressEvery: 1,
    log: (line) => lines.push(line),
  });
  const stopIt = () => {
    running.delete(stopIt);
    stop.abort();
    return done;
  };
  running.add(stopIt);
  return {
    lines,
    stop: stopIt,
    /** Waits until the detector has read `records` records in all. */
    async read(records: number) {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const last = lines.filter((l) => /records \(/.test(l)).at(-1);
        const read = last ? Number(/(\d+) records/.exec(last)![1]) : 0;
        if (read >= records) return;
        if (Date.now() > deadline)
          throw new Error(`the detector never read ${records}:\n${lines.join('\n')}`);
        await sleep(200);
      }
    },
  };
}

/** Runs the indexer over everything published so far: what a restarted detector warms up from. */
async function indexPublished(): Promise<void> {
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
  await client.indices.refresh({ index: 'sightline-*' });
}

async function findingsOf(api: ReturnType<typeof apiFor>): Promise<StoredFinding[]> {
  await client.indices.refresh({ index: indices.findings });
  return (await api.findings({ from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' })).findings;
}

describe('detection on the live pipeline', () => {
  beforeAll(async () => {
    await createTestTopics(config, 2);
  });
  afterEach(async () => {
    await Promise.all([...running].map((stop) => stop()));
  });
  afterAll(async () => {
    await dropTestPipeline(config);
    await deleteCustomers(client, PREFIX);
    await client.indices.delete({ index: Object.values(indices) }, { ignore: [404] });
    await client.close();
  });

  it(
    "finds push fatigue, brute force and what Duo itself flagged within the batch that carries them, each customer's own, with its evidence; publishing the same records again or replaying the topic adds nothing",
    { timeout: 300_000 },
    async () => {
      await publishRaw(config, messages);
      const detector = startDetector(config);
      await detector.read(messages.length);

      const [ana] = await findingsOf(acme);
      expect(ana).toMatchObject({
        customer: ACME,
        type: 'push_fatigue',
        user: 'ana',
        severity: 'critical',
        reason: '9 unanswered pushes in 4 minutes, then approved',
        status: 'open',
        firstSeen: '2026-11-02T10:00:00.000Z',
        lastSeen: '2026-11-02T10:04:30.000Z',
        evidence: fatigue.map((c) => c.txid),
      });
      expect(await findingsOf(acme)).toHaveLength(1);
      const atGlobex = await findingsOf(globex);
      expect(atGlobex).toHaveLength(2);
      const bo = atGlobex.filter((f) => f.type === 'brute_force');
      expect(bo.map((f) => [f.type, f.user])).toEqual([['brute_force', 'bo']]);
      expect(bo[0]!.evidence).toEqual(guessing.map((c) => c.txid));
      // Beside Sightline's own: what Duo itself concluded, read from its record, with it as evidence.
      const cy = atGlobex.find((f) => f.type === 'source_risk');
      expect(cy).toMatchObject({
        user: 'cy',
        severity: 'high',
        reason: 'Duo flagged USER_MARKED_FRAUD for cy; trust LOW',
        evidence: [duoFraud.txid],
        details: { source: 'duo', attacks: ['USER_MARKED_FRAUD'], trustLevel: 'LOW' },
      });
      const globexIds = atGlobex.map((f) => f.id).sort();

      // At-least-once delivery sends some records twice: the same findings, nothing new.
      await publishRaw(config, messages);
      await detector.read(2 * messages.length);
      expect(await detector.stop()).toMatchObject({ skipped: 2 });
      // A new member reading the whole topic again (a replay) finds the same findings, by id.
      const replay = startDetector({ ...config, detectorGroup: `${config.detectorGroup}-replay` });
      await replay.read(2 * messages.length);
      await replay.stop();
      const afterReplay = await findingsOf(acme);
      expect(afterReplay.map((f) => f.id)).toEqual([ana!.id]);
      expect(afterReplay[0]!.evidence).toEqual(ana!.evidence);
      expect((await findingsOf(globex)).map((f) => f.id).sort()).toEqual(globexIds);
      await client.indices.refresh({ index: indices.findings });
      expect((await client.count({ index: indices.findings })).count).toBe(3);
    },
  );

  it(
    'stores and audits a status, keeps it when the detector updates the finding, and hides it from other customers',
    { timeout: 300_000 },
    async () => {
      const [ana] = await findingsOf(acme);
      const changed = await acme.setFindingStatus(ana!.id, { status: 'suspicious', note: 'she was asleep' });
      expect(changed).toMatchObject({
        finding: { id: ana!.id, status: 'suspicious', statusChangedBy: 'acme-analyst' },
        muted: false,
      });
      expect((await acme.findings({ status: ['suspicious'] })).findings.map((f) => f.id)).toEqual([ana!.id]);
      expect((await acme.findings({ status: ['open'] })).findings).toEqual([]);

      await client.indices.refresh({ index: indices.audit });
      const audit = await client.search<FindingAuditEntry>({
        index: indices.audit,
        query: { term: { finding: ana!.id } },
      });
      expect(audit.hits.hits.map((h) => h._source)).toEqual([
        expect.objectContaining({
          token: 'acme-analyst',
          customer: ACME,
          type: 'push_fatigue',
          user: 'ana',
          from: 'open',
          to: 'suspicious',
          mute: null,
          note: 'she was asleep',
        }),
      ]);

      // A restarted detector warms up from the stored log, so the next refused push continues the same
      // finding (no new one, nothing raised again), and its new evidence leaves the verdict in place.
      await indexPublished();
      // The indexer stored Duo's verdict with its record, in fields a report can filter on.
      const flagged = await client.search<{ risk: unknown; application: { destination_name: string } }>({
        index: 'sightline-authlog',
        query: {
          bool: {
            filter: [{ term: { txid: duoFraud.txid } }, { term: { 'risk.attacks': 'USER_MARKED_FRAUD' } }],
          },
        },
      });
      expect(flagged.hits.hits.map((h) => h._source)).toEqual([
        expect.objectContaining({
          application: expect.objectContaining({ destination_name: 'Microsoft 365' }),
          risk: expect.objectContaining({
            trust_level: 'LOW',
            attacks: ['USER_MARKED_FRAUD'],
            suppressed_attacks: ['NOVEL_ASN'],
            suppressed_reasons: ['KNOWN_IP'],
          }),
        }),
      ]);
      const later = refused({ txid: `${PREFIX}push-late`, at: 5 });
      await publishRaw(config, [
        { key: ACME, value: JSON.stringify({ ...record(later), customer_id: ACME }) },
      ]);
      const detector = startDetector(config);
      await detector.read(1);
      await detector.stop();
      expect(detector.lines).toContain(`detect: warmed ${ACME} with ${fatigue.length} records`);
      const [updated, ...others] = await findingsOf(acme);
      expect(others).toEqual([]);
      expect(updated).toMatchObject({ id: ana!.id, status: 'suspicious' });
      expect(updated!.evidence).toContain(later.txid);

      // Another customer's token cannot see the finding, nor change it: 404, as for an unknown id.
      expect(new Set((await findingsOf(globex)).map((f) => f.customer))).toEqual(new Set([GLOBEX]));
      const refusal = await globex
        .setFindingStatus(ana!.id, { status: 'dismissed' })
        .catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(SightlineApiError);
      expect((refusal as SightlineApiError).status).toBe(404);
      expect((await store.get(ACME, ana!.id))?.status).toBe('suspicious');
      // An admin names the customer; without one the request is refused.
      expect((await apiFor(TOKENS.admin, ACME).findings()).findings.map((f) => f.id)).toEqual([ana!.id]);
      await expect(apiFor(TOKENS.admin).findings()).rejects.toMatchObject({ status: 400 });
    },
  );

  it(
    "mutes a dismissed pattern for its user: the detector's next finding of that type for her is stored as muted, listed only when asked for",
    { timeout: 300_000 },
    async () => {
      const [ana] = await findingsOf(acme);
      const dismissed = await acme.setFindingStatus(ana!.id, { status: 'dismissed', mute: true });
      expect(dismissed).toMatchObject({ finding: { status: 'dismissed' }, muted: true });

      // The next morning, another burst of refused pushes to ana: a new finding, muted.
      const burst = Array.from({ length: 3 }, (_, i) =>
        refused({ txid: `${PREFIX}push-next-${i + 1}`, at: 24 * 60 + i }),
      );
      await publishRaw(
        config,
        burst.map((c) => ({ key: ACME, value: JSON.stringify({ ...record(c), customer_id: ACME }) })),
      );
      const detector = startDetector(config);
      await detector.read(burst.length);
      await detector.stop();
      expect((await findingsOf(acme)).map((f) => f.id)).toEqual([ana!.id]);
      await client.indices.refresh({ index: indices.findings });
      const muted = await acme.findings({ status: ['muted'] });
      expect(muted.findings.map((f) => [f.type, f.user, f.evidence])).toEqual([
        ['push_fatigue', 'ana', burst.map((c) => c.txid)],
      ]);
    },
  );
});
