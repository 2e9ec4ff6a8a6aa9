import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeliverer } from '../packages/query-api/src/alerts/deliverer';
import { EsAlertOutbox, type StoredDelivery } from '../packages/query-api/src/alerts/outbox';
import { mountAlerts } from '../packages/query-api/src/alerts/route';
import {
  EsWebhookSettings,
  type StoredWebhookSetting,
} from '../packages/query-api/src/alerts/settings-store';
import { verifyWebhookSignature } from '../packages/query-api/src/alerts/webhooks';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createClient, SightlineApiError } from '../packages/client/src';
import type { Finding } from '@sightline/schema/api';
import { EsFindingStore } from '../packages/query-api/src/findings/store';
import { readSecretKey, type SecretKeySource } from '../packages/query-api/src/secrets/key';
import { secretKeyOf } from '../packages/query-api/src/secrets/sealed';
import { createApp } from '../packages/query-api/src/server/app';
import { randomCursorKey } from '../packages/query-api/src/server/cursor-key';
import { esClient } from './ingest.support';

/** This file's customers and indices (no records: settings, outbox and findings indices only). */
const PREFIX = 'itest-alertkey-';
const LEGACY = `${PREFIX}legacy`;
const NEWCOMER = `${PREFIX}newcomer`;
const run = randomUUID().slice(0, 8);
const alertIndices = {
  settings: `sightline-alert-webhooks-itest-key-${run}`,
  deliveries: `sightline-alert-deliveries-itest-key-${run}`,
};
const findingIndices = {
  findings: `sightline-findings-itest-key-${run}`,
  mutes: `sightline-finding-mutes-itest-key-${run}`,
  audit: `sightline-findings-audit-itest-key-${run}`,
};
const client = esClient();
const key = secretKeyOf(randomBytes(32));
const otherKey = secretKeyOf(randomBytes(32));
/** As a process without SIGHTLINE_SECRET_KEY or its file finds it. */
const noKey: SecretKeySource = () => readSecretKey({});
const settingsWith = (source: SecretKeySource) => new EsWebhookSettings(client, alertIndices, source);
const policy = { baseDelayMs: 200, maxDelayMs: 400, maxAttempts: 10, timeoutMs: 3000 };
const ADMIN = 'itest-alertkey-admin';

/** The API of a server whose secret key is `source`. */
function apiWith(source: SecretKeySource, customer: string) {
  const settings = settingsWith(source);
  const app = createApp({
    es: client,
    tokens: createTokenStore([{ name: 'ops-admin', sha256: hashToken(ADMIN), customer: null, admin: true }]),
    cursors: randomCursorKey(),
    extend: mountAlerts(client, { settings, outbox: new EsAlertOutbox(client, settings), policy }),
  });
  return createClient({
    baseUrl: 'http://sightline.test',
    token: ADMIN,
    customer,
    fetch: async (input, init) => app.request(String(input), init),
  });
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

async function storedSecret(customer: string): Promise<string> {
  const doc = await client.get<StoredWebhookSetting>({ index: alertIndices.settings, id: customer });
  return doc._source!.secret;
}

const finding: Finding = {
  id: '0123456789abcdef0123456789abcdef',
  customer: LEGACY,
  type: 'brute_force',
  severity: 'high',
  score: 70,
  reason: '12 invalid passcodes in 5 minutes',
  user: 'bo',
  address: '203.0.113.9',
  firstSeen: '2009-10-02T10:00:00.000Z',
  lastSeen: '2009-10-02T10:05:00.000Z',
  evidence: [`${PREFIX}code-1`],
  evidenceCount: 12,
  details: {
    subject: 'user',
    failures: 12,
    invalidPasscodes: 12,
    minutes: 5,
    succeededBy: null,
    users: ['bo'],
  },
};

describe('webhook secrets at rest', () => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let server: Server;
  let url: string;
  const legacySecret = `whsec_${randomBytes(32).toString('base64url')}`;
  const verified = (r: { headers: IncomingHttpHeaders; body: string }) =>
    verifyWebhookSignature({
      secret: legacySecret,
      body: r.body,
      header: String(r.headers['x-sightline-signature']),
    }).ok;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    // A webhook stored before secrets were sealed: its secret in clear.
    await settingsWith(noKey).ensureIndex();
    const at = '2009-10-01T00:00:00.000Z';
    const legacy: StoredWebhookSetting = {
      customer: LEGACY,
      url,
      minSeverity: 'low',
      enabled: true,
      secret: legacySecret,
      secretCreatedAt: at,
      createdAt: at,
      updatedAt: at,
      updatedBy: 'ops-admin',
    };
    await client.index({ index: alertIndices.settings, id: LEGACY, document: legacy, refresh: 'wait_for' });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await client.indices.delete(
      { index: [...Object.values(alertIndices), ...Object.values(findingIndices)] },
      { ignore: [404] },
    );
    await client.close();
  });

  it('stored in clear before, still sign, and are sealed at the next write of the setting', async () => {
    const api = apiWith(() => key, LEGACY);
    expect(await api.testWebhook()).toMatchObject({ state: 'delivered' });
    expect(verified(received.at(-1)!)).toBe(true);
    // Reading does not write: still in clear until the setting changes.
    expect(await storedSecret(LEGACY)).toBe(legacySecret);

    const changed = await api.putWebhook({ url, minSeverity: 'high', enabled: true });
    expect(changed).toMatchObject({ created: false, secret: null });
    const sealed = await storedSecret(LEGACY);
    expect(sealed.startsWith(`sl1.${key.id}.`)).toBe(true);
    expect(sealed).not.toContain(legacySecret.slice(6));
    // The same secret, now opened from its sealed form: receivers change nothing.
    expect(await api.testWebhook()).toMatchObject({ state: 'delivered' });
    expect(verified(received.at(-1)!)).toBe(true);
    expect(JSON.stringify(await api.webhook())).not.toContain('sl1.');
  });

  it('without a key: creating, rotating and testing answer 503 naming the problem; reading still works', async () => {
    const api = apiWith(noKey, NEWCOMER);
    const created = await refusal(api.putWebhook({ url, minSeverity: 'high' }));
    expect(created).toMatchObject({ status: 503, code: 'unavailable' });
    expect(created.message).toBe(
      'webhook secrets are unavailable: no key to seal webhook secrets with: set SIGHTLINE_SECRET_KEY (32 bytes, e.g. openssl rand -base64 32) or SIGHTLINE_SECRET_KEY_FILE (npm start makes one)',
    );
    expect((await client.exists({ index: alertIndices.settings, id: NEWCOMER })).valueOf()).toBe(false);
    const legacy = apiWith(noKey, LEGACY);
    expect(await legacy.webhook()).toMatchObject({ customer: LEGACY, minSeverity: 'high' });
    expect((await refusal(legacy.rotateWebhookSecret())).status).toBe(503);
    expect((await refusal(legacy.testWebhook())).message).toMatch(/^webhook secrets are unavailable: no key/);
  });

  it('under another key: a test says which key sealed it, and deliveries wait in the audit until the key is right', async () => {
    const sent = received.length;
    const wrong = await refusal(apiWith(() => otherKey, LEGACY).testWebhook());
    expect(wrong.status).toBe(503);
    expect(wrong.message).toBe(
      `webhook secrets are unavailable: the stored secret of the webhook of ${LEGACY} was sealed with key ${key.id}, but the key configured is ${otherKey.id}: SIGHTLINE_SECRET_KEY (or its file) is not the key the secret was stored with`,
    );

    const outbox = new EsAlertOutbox(
      client,
      settingsWith(() => otherKey),
    );
    expect(await outbox.enqueue([finding], new Date().toISOString())).toBe(1);
    const deliver = (source: SecretKeySource) => {
      const stop = new AbortController();
      const settings = settingsWith(source);
      const done = runDeliverer({
        es: client,
        settings,
        outbox: new EsAlertOutbox(client, settings),
        findings: new EsFindingStore(client, findingIndices),
        policy,
        pollMs: 100,
        signal: stop.signal,
        log: () => undefined,
      });
      return () => {
        stop.abort();
        return done;
      };
    };
    const delivery = async () => {
      await client.indices.refresh({ index: alertIndices.deliveries });
      const page = await client.search<StoredDelivery>({
        index: alertIndices.deliveries,
        query: { term: { findingId: finding.id } },
      });
      return page.hits.hits[0]!._source!;
    };
    const until = async (check: (d: StoredDelivery) => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!check(await delivery())) {
        if (Date.now() > deadline) throw new Error(`never reached: ${JSON.stringify(await delivery())}`);
        await sleep(100);
      }
    };

    const stopWrong = deliver(() => otherKey);
    await until((d) => d.attemptCount >= 1);
    await stopWrong();
    const failed = await delivery();
    expect(failed.state).toBe('pending');
    expect(failed.attempts.length).toBeGreaterThan(0);
    expect(failed.attempts.every((a) => a.statusCode === null && a.outcome === 'retry')).toBe(true);
    expect(failed.lastError).toMatch(
      new RegExp(`sealed with key ${key.id}, but the key configured is ${otherKey.id}`),
    );
    expect(received.length).toBe(sent);

    const stopRight = deliver(() => key);
    await until((d) => d.state === 'delivered');
    await stopRight();
    expect(received.length).toBe(sent + 1);
    expect(verified(received.at(-1)!)).toBe(true);
  });

  it('without a key, the deliverer stops at once with the reason', async () => {
    await expect(
      runDeliverer({
        es: client,
        settings: settingsWith(noKey),
        signal: new AbortController().signal,
        log: () => undefined,
      }),
    ).rejects.toThrow(/^no key to seal webhook secrets with/);
  });
});
