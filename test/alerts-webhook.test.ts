import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EsAlertOutbox } from '../packages/query-api/src/alerts/outbox';
import { alertOnStatusChange, mountAlerts } from '../packages/query-api/src/alerts/route';
import { EsWebhookSettings } from '../packages/query-api/src/alerts/settings-store';
import { secretKeyOf } from '../packages/query-api/src/secrets/sealed';
import { runDeliverer, type DelivererTotals } from '../packages/query-api/src/alerts/deliverer';
import { verifyWebhookSignature, type WebhookPayload } from '../packages/query-api/src/alerts/webhooks';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createClient, SightlineApiError } from '../packages/client/src';
import { type WebhookDelivery } from '@sightline/schema/api';
import { badPasscode, record, refused, type Crafted } from '../packages/query-api/src/detection/test-support';
import { mountFindings } from '../packages/query-api/src/findings/route';
import { EsFindingStore } from '../packages/query-api/src/findings/store';
import { runDetect, type DetectTotals } from '../packages/query-api/src/pipeline/detect/run';
import { randomCursorKey } from '../packages/query-api/src/server/cursor-key';
import { createApp } from '../packages/query-api/src/server/app';
import { esClient } from './ingest.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  testPipeline,
  type KafkaTestConfig,
} from './kafka.support';

/** This file's customers, topics, group, findings and alert indices. */
const PREFIX = 'itest-alerts-';
const ACME = `${PREFIX}acme`;
const GLOBEX = `${PREFIX}globex`;
const INITECH = `${PREFIX}initech`;
const config = testPipeline('alerts');
const run = config.firehoseTopic.split('.').pop()!;
const findingIndices = {
  findings: `sightline-findings-itest-alerts-${run}`,
  mutes: `sightline-finding-mutes-itest-alerts-${run}`,
  audit: `sightline-findings-audit-itest-alerts-${run}`,
};
const alertIndices = {
  settings: `sightline-alert-webhooks-itest-${run}`,
  deliveries: `sightline-alert-deliveries-itest-${run}`,
};
const client = esClient();
const store = new EsFindingStore(client, findingIndices);
/** Secrets are stored sealed under this run's key. */
const secretKey = secretKeyOf(randomBytes(32));
const settings = new EsWebhookSettings(client, alertIndices, () => secretKey);
const outbox = new EsAlertOutbox(client, settings);
/** Fast retries so the test waits fractions of a second between attempts. */
const policy = { baseDelayMs: 300, maxDelayMs: 1000, maxAttempts: 6, timeoutMs: 3000 };

const message = (customer: string) => (c: Crafted) => ({
  key: customer,
  value: JSON.stringify({ ...record(c), customer_id: customer }),
});
/** Nine unanswered pushes to ana, then her approval: critical push fatigue. */
const fatigue = (tag: string): Crafted[] => [
  ...Array.from({ length: 9 }, (_, i) => refused({ txid: `${PREFIX}${tag}-push-${i + 1}`, at: i * 0.5 })),
  { txid: `${PREFIX}${tag}-push-ok`, at: 4.5 },
];
/** Six invalid passcodes for one user in five minutes: medium brute force. */
const guessing = (tag: string, user: string, at: number): Crafted[] =>
  Array.from({ length: 6 }, (_, i) =>
    badPasscode({ txid: `${PREFIX}${tag}-code-${i + 1}`, at: at + i, user, ip: '203.0.113.9' }),
  );

const messages = [
  // acme alerts from high: its critical push fatigue goes out, its medium brute force does not.
  ...fatigue('acme').map(message(ACME)),
  ...guessing('acme', 'bo', 60).map(message(ACME)),
  // globex alerts from medium: its brute force goes out, to its own receiver.
  ...guessing('globex', 'bo', 60).map(message(GLOBEX)),
  // initech's webhook is disabled: its critical finding is stored, never sent.
  ...fatigue('initech').map(message(INITECH)),
];

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that answers 503 to its first `failFirst` requests, then 200. */
async function receiver(failFirst: number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(received.length <= failFirst ? 503 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/sightline`,
    received,
    payloads: () => received.map((r) => JSON.parse(r.body) as WebhookPayload),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const TOKENS = { admin: 'itest-alerts-admin', acme: 'itest-alerts-acme' };
const app = createApp({
  es: client,
  tokens: createTokenStore([
    { name: 'ops-admin', sha256: hashToken(TOKENS.admin), customer: null, admin: true },
    { name: 'acme-analyst', sha256: hashToken(TOKENS.acme), customer: ACME, admin: false },
  ]),
  cursors: randomCursorKey(),
  extend: (api, deps) => {
    mountFindings(client, store, alertOnStatusChange(outbox))(api, deps);
    mountAlerts(client, { settings, outbox, policy })(api, deps);
  },
});
const apiFor = (token: string, customer?: string) =>
  createClient({
    baseUrl: 'http://sightline.test',
    token,
    ...(customer ? { customer } : {}),
    fetch: async (input, init) => app.request(String(input), init),
  });
const admin = (customer: string) => apiFor(TOKENS.admin, customer);

async function detectAll(pipeline: KafkaTestConfig, records: number): Promise<DetectTotals> {
  const stop = new AbortController();
  const lines: string[] = [];
  const done = runDetect({
    config: pipeline,
    es: client,
    store,
    alerts: outbox,
    signal: stop.signal,
    sessionTimeoutMs: 6000,
    progressEvery: 1,
    log: (line) => lines.push(line),
  });
  try {
    await until(`the detector read ${records} records`, async () => {
      const last = lines.filter((l) => /records \(/.test(l)).at(-1);
      return (last ? Number(/(\d+) records/.exec(last)![1]) : 0) >= records;
    });
  } finally {
    stop.abort();
  }
  return done;
}

function startDeliverer() {
  const stop = new AbortController();
  const lines: string[] = [];
  const done = runDeliverer({
    es: client,
    settings,
    outbox,
    findings: store,
    policy,
    pollMs: 100,
    signal: stop.signal,
    log: (line) => lines.push(line),
  });
  return {
    lines,
    stop: (): Promise<DelivererTotals> => {
      stop.abort();
      return done;
    },
  };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

async function findingDeliveries(customer: string): Promise<WebhookDelivery[]> {
  await client.indices.refresh({ index: alertIndices.deliveries });
  const page = await admin(customer).webhookDeliveries();
  return page.deliveries.filter((d) => d.event === 'finding.created');
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(SightlineApiError);
      return error as SightlineApiError;
    },
  );

describe('webhook alerts', () => {
  let acmeHook: Awaited<ReturnType<typeof receiver>>;
  let globexHook: Awaited<ReturnType<typeof receiver>>;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    await createTestTopics(config, 2);
    acmeHook = await receiver(2);
    globexHook = await receiver(0);
  });
  afterAll(async () => {
    await dropTestPipeline(config);
    await client.indices.delete(
      { index: [...Object.values(findingIndices), ...Object.values(alertIndices)] },
      { ignore: [404] },
    );
    await Promise.all([acmeHook.close(), globexHook.close()]);
    await client.close();
  });

  it(
    'are set per customer by admins, the secret shown once, with clear refusals',
    { timeout: 60_000 },
    async () => {
      // Customer tokens may not, and an admin must name the customer.
      expect((await refusal(apiFor(TOKENS.acme).webhook())).status).toBe(403);
      expect((await refusal(apiFor(TOKENS.admin).webhook())).message).toMatch(/must name a customer/);
      expect((await refusal(admin(ACME).webhook())).message).toBe(
        `customer ${ACME} has no webhook; create one with PUT /api/alerts/webhook`,
      );
      const plain = await refusal(
        admin(ACME).putWebhook({ url: 'http://hooks.example.com/x', minSeverity: 'high' }),
      );
      expect(plain.status).toBe(400);
      expect(plain.issues).toEqual([{ path: 'url', message: expect.stringMatching(/only to loopback/) }]);

      const created = await admin(ACME).putWebhook({ url: acmeHook.url, minSeverity: 'high' });
      expect(created).toMatchObject({
        created: true,
        setting: { customer: ACME, enabled: true, updatedBy: 'ops-admin' },
      });
      expect(created.secret).toMatch(/^whsec_/);
      secrets[ACME] = created.secret!;
      const shown = await admin(ACME).webhook();
      expect(shown).toEqual(created.setting);
      expect(JSON.stringify(shown)).not.toContain(created.secret!);
      // At rest it is sealed under the key, never in clear.
      const stored = await client.get<{ secret: string }>({ index: alertIndices.settings, id: ACME });
      expect(stored._source!.secret).toMatch(new RegExp(`^sl1\\.${secretKey.id}\\.`));
      expect(JSON.stringify(stored._source)).not.toContain(created.secret!.slice(6));
      // A change keeps the secret and does not show it again.
      const changed = await admin(ACME).putWebhook({ url: acmeHook.url, minSeverity: 'high', enabled: true });
      expect(changed).toMatchObject({ created: false, secret: null });

      const globex = await admin(GLOBEX).putWebhook({ url: globexHook.url, minSeverity: 'medium' });
      // initech's points at globex's receiver too: disabled, nothing of it may ever arrive there.
      await admin(INITECH).putWebhook({ url: globexHook.url, minSeverity: 'low', enabled: false });
      expect((await refusal(admin(INITECH).testWebhook())).message).toMatch(/disabled/);

      // Rotation: the old secret stops signing at once.
      const rotated = await admin(GLOBEX).rotateWebhookSecret();
      expect(rotated.secret).not.toBe(globex.secret);
      secrets[GLOBEX] = rotated.secret;
      const test = await admin(GLOBEX).testWebhook();
      expect(test).toMatchObject({ event: 'webhook.test', state: 'delivered', attemptCount: 1 });
      expect(test.attempts).toEqual([
        expect.objectContaining({ statusCode: 200, error: null, outcome: 'delivered' }),
      ]);
      const [probe] = globexHook.received;
      expect(probe!.headers['idempotency-key']).toBe(test.id);
      expect(
        verifyWebhookSignature({
          secret: rotated.secret,
          body: probe!.body,
          header: probe!.headers['x-sightline-signature'] as string,
        }).ok,
      ).toBe(true);
      expect(
        verifyWebhookSignature({
          secret: globex.secret!,
          body: probe!.body,
          header: probe!.headers['x-sightline-signature'] as string,
        }),
      ).toEqual({ ok: false, reason: 'no signature matches the body' });
    },
  );

  it(
    'record findings at or above each customer’s severity in the outbox as the detector stores them, and deliver each once with retries, signed, audited, across a restart of the deliverer',
    { timeout: 300_000 },
    async () => {
      await publishRaw(config, messages);
      const detected = await detectAll(config, messages.length);
      expect(detected.alerts).toBe(2);
      await client.indices.refresh({ index: findingIndices.findings });
      expect((await client.count({ index: findingIndices.findings })).count).toBe(4);
      // Durable before any deliverer runs: the outbox holds what is to be sent.
      expect((await findingDeliveries(ACME)).map((d) => [d.state, d.attemptCount])).toEqual([['pending', 0]]);
      expect(await findingDeliveries(INITECH)).toEqual([]);

      // The first deliverer gets a 503 and stops; the next one picks the delivery up where it was.
      const first = startDeliverer();
      await until(
        'acme’s first attempt failed',
        async () => (await findingDeliveries(ACME))[0]!.attemptCount >= 1,
      );
      await first.stop();
      const second = startDeliverer();
      await until('both deliveries are delivered', async () =>
        [...(await findingDeliveries(ACME)), ...(await findingDeliveries(GLOBEX))].every(
          (d) => d.state === 'delivered',
        ),
      );
      await second.stop();

      const [acmeDelivery] = await findingDeliveries(ACME);
      expect(acmeDelivery).toMatchObject({
        state: 'delivered',
        severity: 'critical',
        attemptCount: 3,
        lastError: null,
      });
      expect(acmeDelivery!.attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
        [1, 503, 'retry'],
        [2, 503, 'retry'],
        [3, 200, 'delivered'],
      ]);
      expect(acmeDelivery!.attempts[0]!.error).toBe('the receiver answered 503');
      for (const a of acmeDelivery!.attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
      // Backoff: each retry waited at least half the doubled base delay.
      const at = acmeDelivery!.attempts.map((a) => Date.parse(a.at));
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(policy.baseDelayMs / 2);
      expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(policy.baseDelayMs);

      // acme's receiver: the one finding, three times with one idempotency key, each signed with acme's secret.
      expect(acmeHook.received).toHaveLength(3);
      expect(new Set(acmeHook.received.map((r) => r.headers['idempotency-key']))).toEqual(
        new Set([acmeDelivery!.id]),
      );
      expect(acmeHook.received.map((r) => r.headers['x-sightline-attempt'])).toEqual(['1', '2', '3']);
      for (const r of acmeHook.received) {
        const header = r.headers['x-sightline-signature'] as string;
        expect(verifyWebhookSignature({ secret: secrets[ACME]!, body: r.body, header }).ok).toBe(true);
        expect(verifyWebhookSignature({ secret: secrets[GLOBEX]!, body: r.body, header }).ok).toBe(false);
      }
      const [sent] = acmeHook.payloads();
      expect(sent).toMatchObject({
        id: acmeDelivery!.id,
        event: 'finding.created',
        customer: ACME,
        finding: { customer: ACME, type: 'push_fatigue', severity: 'critical', user: 'ana', status: 'open' },
      });
      expect(
        acmeHook.payloads().every((p) => p.customer === ACME && p.finding?.type === 'push_fatigue'),
      ).toBe(true);

      // globex's receiver: its test and its brute force, nothing of acme's or initech's.
      expect(globexHook.payloads().map((p) => [p.event, p.customer, p.finding?.type ?? null])).toEqual([
        ['webhook.test', GLOBEX, null],
        ['finding.created', GLOBEX, 'brute_force'],
      ]);
      const globexSent = globexHook.received[1]!;
      expect(
        verifyWebhookSignature({
          secret: secrets[GLOBEX]!,
          body: globexSent.body,
          header: globexSent.headers['x-sightline-signature'] as string,
        }).ok,
      ).toBe(true);
    },
  );

  it(
    'never send a delivered finding again (not after a replay of the topic, not after a restart of the deliverer); send an admin’s status change as an event of its own',
    { timeout: 300_000 },
    async () => {
      // A replay with a new group finds the same findings: nothing new in the outbox.
      const replay = await detectAll(
        { ...config, detectorGroup: `${config.detectorGroup}-replay` },
        messages.length,
      );
      expect(replay.alerts).toBe(0);

      // A restarted deliverer, then a new finding for globex as a marker: once the marker has arrived,
      // the deliverer has read the outbox, and nothing delivered before came again.
      const deliverer = startDeliverer();
      await publishRaw(config, guessing('globex-late', 'cy', 120).map(message(GLOBEX)));
      expect((await detectAll(config, 6)).alerts).toBe(1);
      await until('the marker arrived', async () => globexHook.received.length === 3);
      await deliverer.stop();
      expect(acmeHook.received).toHaveLength(3);
      expect(globexHook.payloads().map((p) => [p.event, p.finding?.user ?? null])).toEqual([
        ['webhook.test', null],
        ['finding.created', 'bo'],
        ['finding.created', 'cy'],
      ]);
      expect(
        (await findingDeliveries(GLOBEX)).every((d) => d.state === 'delivered' && d.customer === GLOBEX),
      ).toBe(true);

      // An admin's status change of a finding at the severity is an event of its own; one below it is not.
      await client.indices.refresh({ index: findingIndices.findings });
      const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' };
      const acmeFindings = (await admin(ACME).findings(range)).findings;
      const ana = acmeFindings.find((f) => f.user === 'ana')!;
      const bo = acmeFindings.find((f) => f.user === 'bo')!;
      expect([ana.severity, bo.severity]).toEqual(['critical', 'medium']);
      await admin(ACME).setFindingStatus(bo.id, { status: 'dismissed' });
      await admin(ACME).setFindingStatus(ana.id, { status: 'suspicious', note: 'she was asleep' });
      const again = startDeliverer();
      await until('the status change arrived', async () => acmeHook.received.length === 4);
      await again.stop();
      const change = acmeHook.received[3]!;
      expect(JSON.parse(change.body)).toMatchObject({
        event: 'finding.status_changed',
        customer: ACME,
        finding: { id: ana.id, status: 'suspicious', statusChangedBy: 'ops-admin' },
      });
      expect(change.headers['idempotency-key']).not.toBe(acmeHook.received[0]!.headers['idempotency-key']);
      expect(
        verifyWebhookSignature({
          secret: secrets[ACME]!,
          body: change.body,
          header: change.headers['x-sightline-signature'] as string,
        }).ok,
      ).toBe(true);
      await client.indices.refresh({ index: alertIndices.deliveries });
      expect(
        (await admin(ACME).webhookDeliveries()).deliveries.map((d) => [d.event, d.findingId, d.state]),
      ).toEqual([
        ['finding.status_changed', ana.id, 'delivered'],
        ['finding.created', ana.id, 'delivered'],
      ]);

      // Disabling stops delivery; deleting removes the setting.
      await admin(GLOBEX).putWebhook({ url: globexHook.url, minSeverity: 'medium', enabled: false });
      expect((await admin(GLOBEX).deleteWebhook()).deleted).toBe(true);
      expect((await refusal(admin(GLOBEX).webhook())).status).toBe(404);
      expect((await refusal(admin(GLOBEX).deleteWebhook())).status).toBe(404);
    },
  );
});
