import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  WEBHOOK_DELIVERIES_INDEX,
  WEBHOOK_SETTINGS_INDEX,
} from '../../packages/query-api/src/alerts/mapping';
import { webhookUrlProblem } from '@sightline/schema/api';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../packages/query-api/src/alerts/webhooks';
import type { Finding } from '../../packages/query-api/src/detection';
import {
  FINDING_AUDIT_INDEX,
  FINDING_MUTES_INDEX,
  FINDINGS_INDEX,
} from '../../packages/query-api/src/findings/mapping';
import { EsFindingStore } from '../../packages/query-api/src/findings/store';
import { esClient } from '../ingest.support';
import { WAIT, launchChromium, signIn } from './support/browser';
import { buildDashboard, startDashboardServer, type DashboardServer } from './support/server';
import { axeFindings } from './support/storybook';

/** This file's customer: its webhook, deliveries, finding and audit entries are its own. */
const CUSTOMER = 'e2e-alerts-acme';
const USER = 'ana.alerts';
const es = esClient();
const store = new EsFindingStore(es);

let server: DashboardServer;
let browser: Browser;
let hook: Awaited<ReturnType<typeof receiver>>;

/** A high-severity finding of the customer, seen minutes ago, as the detector stores it. */
const now = Date.now();
const finding = {
  id: createHash('sha256').update('e2e-alerts:first-seen').digest('hex').slice(0, 32),
  customer: CUSTOMER,
  type: 'first_seen',
  severity: 'high',
  score: 70,
  reason: 'First sign-in from Norway for this user in 30 days',
  user: USER,
  address: '198.51.100.20',
  firstSeen: new Date(now - 10 * 60_000).toISOString(),
  lastSeen: new Date(now - 5 * 60_000).toISOString(),
  evidence: ['e2e-alerts-tx-1'],
  evidenceCount: 1,
  details: {
    novelties: ['country'],
    country: 'NO',
    device: null,
    application: null,
    hour: null,
    baselineDays: 30,
    baselineAttempts: 120,
  },
} as Finding;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback (the API allows plain http only there), answering 200. */
async function receiver() {
  const received: Received[] = [];
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/sightline`,
    received,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

/** Everything this file stored; the local node has no _delete_by_query. */
async function clearCustomer(): Promise<void> {
  const scope = {
    index: [
      FINDINGS_INDEX,
      FINDING_MUTES_INDEX,
      FINDING_AUDIT_INDEX,
      WEBHOOK_SETTINGS_INDEX,
      WEBHOOK_DELIVERIES_INDEX,
    ],
    allow_no_indices: true,
    ignore_unavailable: true,
  };
  await es.indices.refresh(scope);
  const page = await es.search({
    ...scope,
    size: 10_000,
    _source: false,
    query: { term: { customer: CUSTOMER } },
  });
  if (page.hits.hits.length === 0) return;
  const response = await es.bulk({
    operations: page.hits.hits.map((h) => ({ delete: { _index: h._index, _id: h._id! } })),
    refresh: true,
  });
  if (response.errors) throw new Error('could not delete the test customer’s documents');
}

beforeAll(async () => {
  await clearCustomer();
  await store.upsert([finding], new Date().toISOString());
  await es.indices.refresh({ index: FINDINGS_INDEX });
  hook = await receiver();
  // The key the API seals webhook secrets with at rest, as `npm start` provides one; this run's own.
  vi.stubEnv('SIGHTLINE_SECRET_KEY', randomBytes(32).toString('base64'));
  server = await startDashboardServer(CUSTOMER, buildDashboard());
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await hook?.close();
  await clearCustomer();
  await es.close();
  vi.unstubAllEnvs();
});

async function openAsAdmin(path: string, width: number, height: number): Promise<Page> {
  // The page's content security policy forbids inline scripts; axe is injected as one.
  const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true, locale: 'en-US' });
  const sep = path.includes('?') ? '&' : '?';
  await page.goto(`${server.url}${path}${sep}customer=${CUSTOMER}&tz=UTC`);
  await signIn(page, server.adminToken);
  return page;
}

/** No axe violations and no sideways scrolling of the page at this width. */
async function accessible(page: Page, width: number): Promise<void> {
  expect(await axeFindings(page, 'body')).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

const secretShown = (page: Page) => page.locator('[data-secret]');
const cellsOf = (page: Page, widget: string) =>
  page.locator(`[data-widget="${widget}"] tbody tr`).first().locator('td').allTextContents();

/** The webhook as the API has it, set directly, so each test stands on its own. */
async function ensureWebhook(): Promise<void> {
  const response = await fetch(`${server.url}/api/alerts/webhook?customer=${CUSTOMER}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: hook.url, minSeverity: 'medium', enabled: true }),
  });
  expect(response.status).toBeLessThan(300);
}

describe('the Alerts and Findings audit pages', () => {
  it('set the webhook, show its secret once, rotate it, and a test send appears in the delivery audit', async () => {
    const width = 1280;
    const page = await openAsAdmin('/', width, 900);
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/alerts');
    expect(new URL(page.url()).searchParams.get('customer')).toBe(CUSTOMER);
    await page.getByText('This customer has no webhook yet: nothing is sent.').waitFor(WAIT);

    // A URL the API would refuse is named in the API's own words, before anything is sent.
    const bad = 'http://hooks.example.com/sightline';
    await page.getByLabel('Webhook URL').fill(bad);
    await page.getByRole('button', { name: 'Create webhook' }).click();
    expect(await page.locator('.sl-field-error').textContent()).toBe(
      `Webhook URL: ${webhookUrlProblem(bad)}`,
    );
    const refused = await fetch(`${server.url}/api/alerts/webhook?customer=${CUSTOMER}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: bad, minSeverity: 'medium' }),
    });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues).toEqual([{ path: 'url', message: webhookUrlProblem(bad) }]);

    await page.getByLabel('Webhook URL').fill(hook.url);
    await page.getByLabel('Send findings of at least').selectOption('medium');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await secretShown(page).waitFor(WAIT);
    const first = (await secretShown(page).textContent())!;
    expect(first.length).toBeGreaterThanOrEqual(20);
    const reveal = page.getByRole('region', { name: /signing secret: copy it now/ });
    expect(await reveal.textContent()).toMatch(/shown only this once/);
    expect(await reveal.getByRole('button', { name: 'Copy secret' }).count()).toBe(1);
    expect(await page.locator('[data-webhook-url]').textContent()).toBe(hook.url);
    await page.getByRole('button', { name: 'Done, I have stored it' }).click();
    expect(await secretShown(page).count()).toBe(0);

    // Shown once: read again, the page has the setting and no secret.
    await page.reload();
    await page.locator('[data-webhook-url]').waitFor(WAIT);
    expect(await page.getByText('Findings of medium severity or above').count()).toBe(1);
    expect(await secretShown(page).count()).toBe(0);
    expect(await page.content()).not.toContain(first);

    // Rotation asks first, then shows the new secret once, with its warning.
    await page.getByRole('button', { name: 'Rotate secret…' }).click();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    await page.getByRole('region', { name: /new signing secret: copy it now/ }).waitFor(WAIT);
    const second = (await secretShown(page).textContent())!;
    expect(second).not.toBe(first);
    expect(await page.getByRole('region', { name: /new signing secret/ }).textContent()).toMatch(
      /old secret no longer signs anything/,
    );
    await accessible(page, width);

    // The test send, from the keyboard: the receiver gets it signed with the new secret, and it heads the audit.
    await page.getByRole('button', { name: 'Send a test' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.sl-alerts__result').textContent(), WAIT)
      .toMatch(/^Test delivered: the receiver answered HTTP 200 in [\d,]+ ms\.$/);
    expect(hook.received).toHaveLength(1);
    const [sent] = hook.received;
    const header = sent!.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(verifyWebhookSignature({ secret: second, body: sent!.body, header })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ secret: first, body: sent!.body, header }).ok).toBe(false);
    await expect
      .poll(
        () => page.locator('[data-widget="alert-deliveries"] tbody tr').first().getAttribute('data-event'),
        WAIT,
      )
      .toBe('webhook.test');
    const cells = await cellsOf(page, 'alert-deliveries');
    expect(cells.slice(1)).toEqual(['Test event', '1', '200', 'Delivered', '']);
    expect(cells[0]).toMatch(/UTC$/);
    await accessible(page, width);
    await page.screenshot({ path: 'test-results/dashboard-alerts.png', fullPage: true });
    await page.close();
  });

  it('a status change and a mute appear in the findings audit, from the finding and from the Findings page', async () => {
    await ensureWebhook();
    const width = 1280;
    const page = await openAsAdmin('/findings', width, 900);
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor(WAIT);
    const item = page.locator(`article[data-finding="${finding.id}"]`);
    await item.getByRole('button', { name: 'Mark suspicious' }).click();
    await expect.poll(() => item.getByRole('status').textContent(), WAIT).toBe('Marked suspicious.');

    // From the finding: its history.
    await item.getByRole('link', { name: /^History/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Findings audit' }).waitFor(WAIT);
    expect(new URL(page.url()).searchParams.get('finding')).toBe(finding.id);
    await page.locator('[data-widget="findings-audit"] tbody tr').first().waitFor(WAIT);
    const history = await cellsOf(page, 'findings-audit');
    expect(history.slice(1, 6)).toEqual([
      'e2e-admin',
      `First seen for this user ${finding.id.slice(0, 8)}`,
      USER,
      'Open → Suspicious',
      '',
    ]);
    await accessible(page, width);

    // Dismissed and muted for the user, then the whole audit from the Findings page's link.
    await page.getByRole('link', { name: 'Back to Findings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor(WAIT);
    await item.getByLabel(`and mute this pattern for ${USER}`).check();
    await item.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => item.getByRole('status').textContent(), WAIT).toMatch(/^Dismissed; .* muted for/);
    await page.getByRole('link', { name: 'Findings audit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Findings audit' }).waitFor(WAIT);
    await expect.poll(() => page.locator('[data-widget="findings-audit"] tbody tr').count(), WAIT).toBe(2);
    const rows = page.locator('[data-widget="findings-audit"] tbody tr');
    expect((await rows.nth(0).locator('td').allTextContents()).slice(4, 6)).toEqual([
      'Suspicious → Dismissed',
      `Muted for ${USER}`,
    ]);
    expect((await rows.nth(1).locator('td').allTextContents())[4]).toBe('Open → Suspicious');
    // Narrowed to another token's changes, nothing is left.
    await page.getByLabel('Changed by (token name)').fill('someone-else');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/No status changes in the last 24 hours match these filters/).waitFor(WAIT);
    expect(new URL(page.url()).searchParams.get('changedBy')).toBe('someone-else');

    // Both changes were told to the webhook: queued in the delivery audit (no deliverer runs here).
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor(WAIT);
    const queued = page.locator(
      '[data-widget="alert-deliveries"] tbody tr[data-event="finding.status_changed"]',
    );
    // The outbox is searchable within Elasticsearch's refresh interval: read the audit again until then.
    await expect
      .poll(async () => {
        await page.reload();
        await page.locator('[data-widget="alert-deliveries"][data-state="ready"]').waitFor(WAIT);
        return queued.count();
      }, WAIT)
      .toBe(2);
    expect((await queued.first().locator('td').allTextContents())[4]).toBe('Waiting for its first attempt');
    await page.close();
  });

  it('work at 390 px from the keyboard, with no axe violations and no sideways scrolling', async () => {
    await ensureWebhook();
    const width = 390;
    const page = await openAsAdmin('/alerts', width, 844);
    await page.locator('[data-webhook-url]').waitFor(WAIT);
    await page.locator('[data-widget="alert-deliveries"][data-state="ready"]').waitFor(WAIT);
    await page.getByRole('button', { name: 'Rotate secret…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Rotate now' }).focus();
    await page.keyboard.press('Enter');
    await secretShown(page).waitFor(WAIT);
    // Focus moves to the secret and its warning.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-secret-shown'))).toBe('');
    await accessible(page, width);
    await page.screenshot({ path: 'test-results/dashboard-alerts-390.png', fullPage: true });

    await page.goto(`${server.url}/findings/audit?customer=${CUSTOMER}&tz=UTC`);
    await page.locator('[data-widget="findings-audit"][data-state="ready"]').waitFor(WAIT);
    await accessible(page, width);
    await page.close();
  });

  it('are kept from customer tokens: no links, and a clear message at their addresses', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const customers: string[] = [];
    page.on(
      'request',
      (r) => void (new URL(r.url()).pathname === '/api/customers' && customers.push(r.url())),
    );
    await page.goto(`${server.url}/findings?tz=UTC`);
    await signIn(page, server.token);
    await page.locator(`article[data-finding="${finding.id}"]`).waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'Alerts', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Findings audit' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^History/ }).count()).toBe(0);
    // The token's 403 at /api/customers is its answer: asked once, not again by each admin-only link.
    expect(customers).toHaveLength(1);
    await page.goto(`${server.url}/alerts?tz=UTC`);
    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toMatch(/^Alerting is for admin tokens/);
    await page.goto(`${server.url}/findings/audit?tz=UTC`);
    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toMatch(/^The findings audit is for admin tokens/);
    await page.close();
  });
});
