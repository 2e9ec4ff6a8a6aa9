import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords, type GeneratedRecord } from '../../packages/query-api/src/generate';
import { ingest, RejectFile } from '../../packages/query-api/src/ingest';
import { deleteCustomers, esClient } from '../ingest.support';
import { launchChromium, signIn, WAIT } from './support/browser';
import { buildDashboard, startDashboardServer, type DashboardServer } from './support/server';

/** Only this file writes this customer; its records sit in the last day, as live data does. */
const PREFIX = 'e2e-live-';
const client = esClient();
let server: DashboardServer;
let browser: Browser;
let customer: string;

async function store(records: GeneratedRecord[]): Promise<void> {
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-e2e-live-')), 'rejects.ndjson'));
  const items = records.map((value, i) => ({ line: i + 1, value }));
  await ingest(client, { items, rejects, refresh: true });
}

beforeAll(async () => {
  await deleteCustomers(client, PREFIX);
  const records = [
    ...generateRecords({
      seed: 'e2e-live',
      count: 40,
      days: 1,
      end: new Date(Date.now() - 60_000),
      customers: 'single',
      customerPrefix: PREFIX,
    }),
  ];
  customer = records[0]!.customer_id;
  await store(records);
  server = await startDashboardServer(customer, buildDashboard());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await deleteCustomers(client, PREFIX);
  await client.close();
});

const loaded = (page: Page) => page.locator('#log-results').textContent();

describe('the dashboard in live mode', () => {
  it('shows a new attempt in the log within seconds, without a reload, and how fresh the data is', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/log?last=24h&tz=UTC&refresh=live`);
    await signIn(page, server.token);
    await page.locator('[data-widget="log"][data-state="ready"]').waitFor({ timeout: 30_000 });
    const before = Number(((await loaded(page)) ?? '').replace(/[^\d].*$/, ''));
    expect(before).toBeGreaterThan(0);
    expect(await page.getByLabel('Auto-refresh').inputValue()).toBe('live');
    await expect
      .poll(() => page.locator('.sl-freshness').textContent(), WAIT)
      .toMatch(/^Updated \d+ (s|min) ago$/);

    const [template] = generateRecords({
      seed: 'e2e-live-new',
      count: 1,
      customerPrefix: PREFIX,
      customers: 'single',
    });
    const id = `e2e-live-${Date.now().toString(36)}`;
    const user = { ...template!.user, name: `live.${id}` };
    await store([{ ...template!, customer_id: customer, txid: id, user, ts: new Date().toISOString() }]);

    // Live refetches every 5 s: the new attempt arrives on the page as it is, no navigation.
    await expect.poll(() => loaded(page), WAIT).toMatch(new RegExp(`^${before + 1} attempts`));
    await expect.poll(() => page.getByText(user.name).count(), WAIT).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('refresh')).toBe('live');
    await page.close();
  });
});
