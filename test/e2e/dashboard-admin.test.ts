import { describe, expect, it } from 'vitest';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import { WAIT, donutValues, nonZero, signIn, waitForWidgets } from './support/browser';
import { countBy, CUSTOMER, END, START } from './support/dataset';
import { axeFindings } from './support/storybook';
import { browser, records, server, setUpDashboardSession } from './support/session';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

setUpDashboardSession();

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

  it('lists the export audit for admins, newest first, with paging, and keeps it from customer tokens', async () => {
    // One export of a known hour with two columns, by the customer token.
    const from = new Date(END.getTime() - 3_600_000).toISOString();
    const inHour = records.filter((r) => r.ts >= from && r.ts < END.toISOString());
    const exported = await fetch(
      `${server.url}/api/logs/export?format=csv&from=${from}&to=${END.toISOString()}&columns=ts,user.name`,
      { headers: { Authorization: `Bearer ${server.token}` } },
    );
    expect(exported.status).toBe(200);
    await exported.text();

    // A customer token sees no link to it, and the API refuses it the page's data.
    const customerPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await customerPage.goto(`${server.url}/?${RANGE}`);
    await signIn(customerPage, server.token);
    await waitForWidgets(customerPage, OVERVIEW_WIDGETS);
    expect(await customerPage.getByRole('link', { name: 'Export audit' }).count()).toBe(0);
    await customerPage.goto(`${server.url}/exports?${RANGE}`);
    await expect
      .poll(() => customerPage.getByRole('alert').textContent(), WAIT)
      .toMatch(/export audit is for admin tokens/);
    await customerPage.close();

    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      // The page's content security policy forbids inline scripts; axe is injected as one.
      const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true, locale: 'en-US' });
      await page.goto(`${server.url}/?${RANGE}&customer=${CUSTOMER}`);
      await signIn(page, server.adminToken);
      await waitForWidgets(page, OVERVIEW_WIDGETS);
      await page.getByRole('link', { name: 'Export audit' }).click();
      await page.getByRole('heading', { level: 1, name: 'Export audit' }).waitFor(WAIT);
      expect(new URL(page.url()).pathname).toBe('/exports');
      const newest = page.locator('[data-widget="audit"] tbody tr').first();
      await newest.waitFor(WAIT);
      const cells = await newest.locator('td').allTextContents();
      expect(cells.slice(1, 5)).toEqual(['e2e', CUSTOMER, 'CSV', inHour.length.toLocaleString('en-US')]);
      expect(cells[7]).toBe('Complete');
      expect(cells[9]).toBe('ts, user.name');
      // Newest first, paged 50 at a time by the API's cursor.
      const started = await page
        .locator('[data-widget="audit"] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-started') ?? ''));
      expect(started).toEqual([...started].sort().reverse());
      expect(started.length).toBeLessThanOrEqual(50);
      const more = page.getByRole('button', { name: 'Load 50 older exports' });
      if (started.length === 50) {
        await more.click();
        await expect
          .poll(() => page.locator('[data-widget="audit"] tbody tr').count(), WAIT)
          .toBeGreaterThan(50);
      } else expect(await more.count()).toBe(0);
      expect(await axeFindings(page, 'body')).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.close();
    }
  });
});
