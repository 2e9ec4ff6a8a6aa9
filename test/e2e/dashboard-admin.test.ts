import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import type { AuthLogRecord } from '../../packages/query-api/src/schema';
import { WAIT, donutValues, launchChromium, nonZero, signIn, waitForWidgets } from './support/browser';
import { countBy, CUSTOMER, END, ensureDataset, START } from './support/dataset';
import { buildDashboard, startDashboardServer, type DashboardServer } from './support/server';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

let server: DashboardServer;
let browser: Browser;
let records: AuthLogRecord[];

beforeAll(async () => {
  const [dataset, dist] = await Promise.all([ensureDataset(), Promise.resolve(buildDashboard())]);
  records = dataset.records;
  server = await startDashboardServer(CUSTOMER, dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the dashboard with an admin token', () => {
  it('asks which customer to show, keeps the choice in the URL and sends it with every request', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const refused: string[] = [];
    const withoutCustomer: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/') || url.pathname === '/api/customers') return;
      if (response.status() >= 400) refused.push(`${response.status()} ${url.pathname}`);
    });
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.adminToken);
    await page.getByRole('heading', { level: 1, name: 'Choose a customer' }).waitFor(WAIT);
    expect(await page.locator('[data-widget]').count()).toBe(0);

    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/') && url.searchParams.get('customer') !== CUSTOMER)
        withoutCustomer.push(url.pathname);
    });
    await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('customer'), WAIT).toBe(CUSTOMER);
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    const byResult = countBy(
      records.filter((r) => r.event_type === 'authentication'),
      (r) => r.result,
    );
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(nonZero(byResult));
    expect(
      await page.getByRole('combobox', { name: 'Customer' }).evaluate((s) => (s as HTMLSelectElement).value),
    ).toBe(CUSTOMER);

    // Reloaded, the link alone brings the same customer back.
    await page.reload();
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(nonZero(byResult));
    expect(withoutCustomer.filter((path) => path !== '/api/customers')).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  });
});
