import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEARCHABLE_FIELDS } from '@sightline/schema/reports';
import { authLogFields, fieldNames, getPath, type AuthLogRecord, type FieldName } from '@sightline/schema';
import { WAIT, signIn, watchLogRows } from './support/browser';
import { CUSTOMER, END, START } from './support/dataset';
import { axeFindings } from './support/storybook';
import { browser, records, server, setUpDashboardSession } from './support/session';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

setUpDashboardSession();

async function openLog(query: string, before?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  await before?.(page);
  await page.goto(`${server.url}/log?${RANGE}&${query}`);
  await signIn(page, server.token);
  await page.locator('[data-widget="log"][data-state="ready"]').waitFor({ timeout: 30_000 });
  return page;
}

const loaded = (page: Page) => page.locator('#log-results').textContent();
const format = (n: number) => n.toLocaleString('en-US');

describe('the authentication log in a real browser', () => {
  it('searches free text in user names, emails, applications and hostnames at once, within the API’s budget', async () => {
    const page = await openLog('');
    const needle = 'on';
    const holds = (r: AuthLogRecord, field: FieldName) =>
      String(getPath(r, field) ?? '')
        .toLowerCase()
        .includes(needle);
    const expected = records.filter((r) => SEARCHABLE_FIELDS.some((f) => holds(r, f)));
    // Wider than any one field: it really looks in several.
    for (const field of SEARCHABLE_FIELDS)
      expect(expected.length, field).toBeGreaterThan(records.filter((r) => holds(r, field)).length);
    await page.getByLabel('User, email, application or hostname contains').fill(needle);
    await expect.poll(() => loaded(page), WAIT).toMatch(new RegExp(`^${format(expected.length)} attempts`));
    expect(new URL(page.url()).searchParams.get('q')).toBe(needle);
    expect(await page.getByTestId('filter-pill').allTextContents()).toEqual([
      expect.stringContaining('User, Email, Application or Hostname contains “on”'),
    ]);

    // A fifth scan of every term would be refused by the API: the box says so and applies nothing.
    await page.getByLabel('Search in').selectOption({ label: 'User name' });
    await page.getByLabel('User name contains').fill('bob');
    const problem = page.getByRole('status').filter({ hasText: 'Cannot search this as well' });
    await expect.poll(() => problem.textContent(), WAIT).toMatch(/at most 4 are allowed/);
    expect(new URL(page.url()).searchParams.has('q.user.name')).toBe(false);

    // The link opens the same rows.
    const link = page.url();
    const again = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await again.goto(link);
    await signIn(again, server.token);
    await expect.poll(() => loaded(again), WAIT).toMatch(new RegExp(`^${format(expected.length)} attempts`));
    expect(await axeFindings(again, 'body')).toEqual([]);
    await again.setViewportSize({ width: 390, height: 844 });
    await again.locator('[data-widget="log"][data-state="ready"]').waitFor(WAIT);
    expect(await axeFindings(again, 'body')).toEqual([]);
    expect(await again.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await again.close();
    await page.close();
  });

  it('pages through every row the filters select, past 10,000', async () => {
    expect(records.length).toBeGreaterThan(10_000);
    let seen: () => string[] = () => [];
    const page = await openLog('size=1000', async (p) => {
      seen = await watchLogRows(p);
    });
    await expect.poll(() => loaded(page), WAIT).toBe(`${format(records.length)} attempts · 1,000 loaded`);

    const more = page.getByRole('button', { name: /load more/i });
    for (let pages = 1; pages * 1000 < records.length; pages++) {
      await more.click();
      const expected = Math.min(records.length, (pages + 1) * 1000);
      await expect
        .poll(() => loaded(page), WAIT)
        .toBe(`${format(records.length)} attempts · ${format(expected)} loaded`);
    }
    await expect.poll(() => more.count(), WAIT).toBe(0);
    // Every record exactly once: none skipped, none repeated across the 10,000 boundary.
    await expect.poll(() => seen().length, WAIT).toBe(records.length);
    expect(new Set(seen())).toEqual(new Set(records.map((r) => r.txid)));
    await page.close();
  });

  it('searches by IP address or CIDR block and by application, and names what is wrong with a bad block', async () => {
    const page = await openLog('');
    const ip = records
      .map((r) => r.access_device?.ip)
      .find((a): a is string => !!a && /^\d+\.\d+\.\d+\.\d+$/.test(a))!;
    const prefix = ip.split('.').slice(0, 3).join('.');
    await page.getByLabel('Search in').selectOption({ label: 'IP address or CIDR block' });
    const box = page.getByLabel('IP address or CIDR block', { exact: true });
    await box.fill(`${prefix}.0/33`);
    const problem = page.getByRole('status').filter({ hasText: '/33' });
    await expect
      .poll(() => problem.textContent(), WAIT)
      .toBe('/33 is longer than an IPv4 address: a prefix is at most /32');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.has('f.access_device.ip')).toBe(false);

    await box.fill(`${prefix}.0/24`);
    const inBlock = records.filter((r) => r.access_device?.ip?.startsWith(`${prefix}.`));
    await expect.poll(() => loaded(page), WAIT).toMatch(new RegExp(`^${format(inBlock.length)} attempts`));
    expect(new URL(page.url()).searchParams.getAll('f.access_device.ip')).toEqual([`${prefix}.0/24`]);
    expect(await page.getByTestId('filter-pill').allTextContents()).toEqual([
      expect.stringContaining(`${prefix}.0/24`),
    ]);
    expect(await box.getAttribute('aria-invalid')).toBeNull();

    const app = inBlock.find((r) => r.application?.name)!.application!.name!;
    const needle = app.slice(0, 4).toLowerCase();
    await page.getByLabel('Search in').selectOption({ label: 'Application' });
    await page.getByLabel('Application contains').fill(needle);
    const both = inBlock.filter((r) => r.application?.name?.toLowerCase().includes(needle));
    await expect.poll(() => loaded(page), WAIT).toMatch(new RegExp(`^${format(both.length)} attempts`));
    expect(new URL(page.url()).searchParams.get('q.application.name')).toBe(needle);
    await page.close();
  });

  it('filters with the facets and the user search, sorts, and shows a whole record', async () => {
    const page = await openLog('');
    const needle = 'kowalski';
    await page.getByLabel('Search in').selectOption({ label: 'User name' });
    await page.getByLabel('User name contains').fill(needle);
    await page.locator('[data-facet="result"]').getByLabel('denied').check();
    const expected = records.filter(
      (r) => r.result === 'denied' && r.user.name?.toLowerCase().includes(needle),
    );
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => loaded(page), WAIT).toMatch(new RegExp(`^${format(expected.length)} attempts`));
    const params = new URL(page.url()).searchParams;
    expect(params.get('q.user.name')).toBe(needle);
    expect(params.getAll('f.result')).toEqual(['denied']);

    await page.getByRole('columnheader', { name: /^User/ }).getByRole('button').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), WAIT).toMatch(/^-?user\.name$/);
    const descending = new URL(page.url()).searchParams.get('sort')!.startsWith('-');
    const names = expected.map((r) => r.user.name!).sort();
    const first = descending ? names[names.length - 1]! : names[0]!;
    await page.locator('[data-widget="log"][data-state="ready"]').waitFor();
    const firstRow = page.getByRole('row').nth(1);
    await expect.poll(() => firstRow.textContent(), WAIT).toContain(first);

    await firstRow.click();
    const details = page.locator('[data-widget="log"]');
    await expect.poll(() => details.textContent(), WAIT).toContain('ip_reputation');
    expect(await details.textContent()).toContain('is_encryption_enabled');
    await page.screenshot({ path: 'test-results/dashboard-log.png', fullPage: true });
    await page.close();
  });

  it('keeps an open row at its height, and every row in its place, as the log scrolls and pages load', async () => {
    const page = await openLog('size=1000');
    const grid = page.getByRole('grid');
    const row = (index: number) => page.locator(`[role="row"][aria-rowindex="${index}"]`);
    await row(3).click();
    await page.locator('[role="row"][aria-rowindex="3"][data-expanded="true"]').waitFor();
    const open = (await row(3).boundingBox())!.height;
    expect(open).toBeGreaterThan(100);
    // The body rows in view, in display order: the first from the header's edge down, each starting
    // where the one before it ends (no overlap, no gap), the last reaching the grid's bottom edge.
    const inPlace = () =>
      grid.evaluate((el) => {
        const view = el.getBoundingClientRect();
        const top = el.querySelector('[role="row"][aria-rowindex="1"]')!.getBoundingClientRect().bottom;
        const bottom = view.top + el.clientTop + el.clientHeight;
        const rows = [...el.querySelectorAll('[role="row"][data-index]')]
          .map((r) => ({ index: Number(r.getAttribute('data-index')), box: r.getBoundingClientRect() }))
          .filter((r) => r.box.bottom > top && r.box.top < bottom)
          .sort((a, b) => a.index - b.index);
        const breaks = rows.flatMap((r, i) => {
          const before = rows[i - 1];
          return before && (before.index !== r.index - 1 || Math.abs(r.box.top - before.box.bottom) > 0.5)
            ? [r.index]
            : [];
        });
        return (
          breaks.length === 0 && rows[0]!.box.top <= top + 0.5 && rows.at(-1)!.box.bottom >= bottom - 0.5
        );
      });
    // Far off, a step further, and back to the top: the measured heights stay with the rows.
    for (const top of [20_000, 20_096, 0]) {
      await grid.evaluate((el, to) => el.scrollTo({ top: to }), top);
      await expect.poll(inPlace, WAIT).toBe(true);
      expect(await grid.evaluate((el) => el.scrollTop)).toBe(top);
      // Row 3 is the keyboard's active row since its click, so it stays mounted, open, wherever the
      // grid is scrolled; no other row shows as open.
      expect(
        await page
          .locator('[role="row"][data-expanded="true"]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-rowindex'))),
      ).toEqual(['3']);
    }
    expect((await row(3).boundingBox())!.height).toBe(open);
    // A page arriving after the rows keeps them as they are.
    await page.getByRole('button', { name: /load more/i }).click();
    await expect.poll(() => loaded(page), WAIT).toMatch(/· 2,000 loaded$/);
    await expect.poll(inPlace, WAIT).toBe(true);
    expect(await row(3).getAttribute('data-expanded')).toBe('true');
    expect((await row(3).boundingBox())!.height).toBe(open);
    await row(3).click();
    // Any row of the screen opens to its record and closes again, the rows below moving with it.
    for (let index = 2; index <= 16; index++) {
      await row(index).click();
      await page.locator(`[role="row"][aria-rowindex="${index}"][data-expanded="true"]`).waitFor();
      await expect.poll(inPlace, WAIT).toBe(true);
      expect((await row(index).boundingBox())!.height).toBeGreaterThan(100);
      await row(index).click();
      await expect.poll(() => row(index).getAttribute('data-expanded'), WAIT).toBe('false');
    }
    await page.close();
  });

  it('exports exactly the filtered rows as NDJSON, records only', async () => {
    const page = await openLog('f.result=fraud&columns=txid,ts,result');
    // Headless Chromium has no save dialog: take the Blob path, which the browser hands over as a download.
    await page.evaluate(() => Reflect.deleteProperty(window, 'showSaveFilePicker'));
    const expected = records.filter((r) => r.result === 'fraud');
    await expect.poll(() => loaded(page), WAIT).toMatch(new RegExp(`^${format(expected.length)} attempts`));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export NDJSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.ndjson$/);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // Records only: no completeness line a tool would count as one more record.
    expect(lines).toHaveLength(expected.length);
    expect(new Set(lines.map((r) => r.txid))).toEqual(new Set(expected.map((r) => r.txid)));
    // Each record holds the shown columns, in their order.
    for (const line of lines) expect(Object.keys(line)).toEqual(['txid', 'ts', 'result']);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count(), WAIT).toBe(1);
    await page.close();
  });

  it('offers every field as a column, keeps the choice in the link and exports what is shown, in its order', async () => {
    const page = await openLog('f.result=fraud');
    await page.evaluate(() => Reflect.deleteProperty(window, 'showSaveFilePicker'));
    const expected = records.filter((r) => r.result === 'fraud');
    await expect.poll(() => loaded(page), WAIT).toMatch(new RegExp(`^${format(expected.length)} attempts`));
    const headers = () =>
      page
        .locator('[data-widget="log"] [role="columnheader"]')
        .evaluateAll((cells) =>
          cells.map((c) => c.querySelector('button, span')?.childNodes[0]?.textContent),
        );

    await page.getByText(/^Columns \(/).click();
    const chooser = page.getByRole('group', { name: 'Visible columns' });
    expect(await chooser.getByRole('checkbox').count()).toBe(fieldNames.length);
    await chooser.getByRole('checkbox', { name: 'Reason', exact: true }).uncheck();
    await chooser.getByRole('checkbox', { name: 'Email', exact: true }).check();
    await chooser.getByRole('checkbox', { name: 'Event id', exact: true }).check();
    await page.keyboard.press('Escape');
    const shown: FieldName[] = [
      'ts',
      'result',
      'factor',
      'user.name',
      'application.name',
      'access_device.ip',
    ];
    const chosen: FieldName[] = [...shown, 'access_device.location.country', 'email', 'txid'];
    await expect.poll(() => new URL(page.url()).searchParams.get('columns'), WAIT).toBe(chosen.join(','));
    const labels = chosen.map((field) => authLogFields[field].label);
    expect(await headers()).toEqual(labels);

    // The choice survives a reload: it is the link's.
    await page.reload();
    await page.locator('[data-widget="log"][data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => Reflect.deleteProperty(window, 'showSaveFilePicker'));
    await expect.poll(headers, WAIT).toEqual(labels);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split(/\r?\n/);
    expect(csv[0]).toBe(chosen.join(','));
    expect(csv).toHaveLength(expected.length + 1);
    const byId = new Map(expected.map((r) => [r.txid, r]));
    // The event id is the last column, and ids hold no commas.
    expect(new Set(csv.slice(1).map((row) => row.split(',').at(-1)))).toEqual(new Set(byId.keys()));
    await page.close();
  });

  it('says nothing went wrong when the save dialog is cancelled, and audits the export as aborted', async () => {
    const page = await openLog('');
    // Headless Chromium shows no dialog: the picker answers as a user pressing Cancel does.
    await page.evaluate(() => {
      Object.assign(window, {
        showSaveFilePicker: () =>
          Promise.reject(new DOMException('The user aborted a request.', 'AbortError')),
      });
    });
    const clicked = new Date().toISOString();
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/logs/export');
    await page.getByRole('button', { name: 'Export NDJSON' }).click();
    expect((await response).status()).toBe(200);
    // Exporting… while the request runs, then nothing: no error, nothing saved.
    await expect.poll(() => page.locator('.sl-export [role="status"]').textContent(), WAIT).toBe('');
    expect(await page.getByRole('button', { name: 'Export NDJSON' }).isEnabled()).toBe(true);

    const audit = async () => {
      const r = await fetch(`${server.url}/api/exports/audit?customer=${CUSTOMER}&limit=20`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
      });
      const body = (await r.json()) as { entries: { started_at: string; format: string; outcome: string }[] };
      return body.entries.filter((e) => e.format === 'ndjson' && e.started_at >= clicked.slice(0, 19));
    };
    await expect.poll(async () => (await audit()).map((e) => e.outcome), WAIT).toEqual(['aborted']);
    await page.close();
  });
});
