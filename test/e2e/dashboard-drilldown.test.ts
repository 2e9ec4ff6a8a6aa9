import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import { FAILED_RESULTS, type AuthLogRecord } from '@sightline/schema';
import { WAIT, signIn, waitForWidgets } from './support/browser';
import { END, START } from './support/dataset';
import { axeFindings } from './support/storybook';
import { browser, records, server, setUpDashboardSession } from './support/session';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

setUpDashboardSession();

const authentications = () => records.filter((r) => r.event_type === 'authentication');
const format = (n: number) => n.toLocaleString('en-US');

async function openOverview(width = 1280, height = 800, range = RANGE): Promise<Page> {
  // The page's content security policy forbids inline scripts; axe is injected as one.
  const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true });
  await page.goto(`${server.url}/?${range}`);
  await signIn(page, server.token);
  await waitForWidgets(page, OVERVIEW_WIDGETS);
  return page;
}

/** Waits for the log page and gives its count of matching rows ("1,234 attempts · 100 loaded"). */
async function logCount(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1, name: 'Authentication log' }).waitFor(WAIT);
  await page
    .locator('[data-widget="log"][data-state="ready"], [data-widget="log"][data-state="empty"]')
    .waitFor(WAIT);
  const text = (await page.locator('#log-results').textContent()) ?? '';
  return text.split(' attempts')[0]!;
}

const params = (page: Page) => new URL(page.url()).searchParams;
const pills = (page: Page) => page.getByTestId('filter-pill').allTextContents();

describe('drill-down from a chart element to the log rows behind it', () => {
  it('opens a donut slice’s rows with one click, the filters shown as pills and in the URL', async () => {
    const page = await openOverview();
    await page.locator('[data-widget="summary"] svg [data-key="denied"]').click();
    const denied = authentications().filter((r) => r.result === 'denied');
    expect(await logCount(page)).toBe(format(denied.length));
    expect(new URL(page.url()).pathname).toBe('/log');
    expect(params(page).getAll('f.result')).toEqual(['denied']);
    expect(params(page).getAll('f.event_type')).toEqual(['authentication']);
    expect(await pills(page)).toEqual([
      expect.stringContaining('authentication'),
      expect.stringContaining('denied'),
    ]);
    await page.close();
  });

  it('opens a failure reason’s rows with Enter, counting the failed attempts the slice counted', async () => {
    const page = await openOverview();
    const slice = page
      .locator('[data-widget="reasons"] svg [role="button"][data-key]:not([data-other])')
      .first();
    const reason = (await slice.getAttribute('data-key'))!;
    await slice.focus();
    await page.keyboard.press('Enter');
    const failed = authentications().filter(
      (r) => (FAILED_RESULTS as readonly string[]).includes(r.result) && r.reason === reason,
    );
    expect(await logCount(page)).toBe(format(failed.length));
    expect(params(page).getAll('f.reason')).toEqual([reason]);
    expect(params(page).getAll('f.result').sort()).toEqual([...FAILED_RESULTS].sort());
    await page.close();
  });

  it('opens a band of the time chart at one bucket: its result, from the bucket’s start to its end', async () => {
    const page = await openOverview();
    const plot = page.locator('[data-widget="attempts"] [data-plot]');
    // The chart sits below a laptop's first screen: a click at coordinates off the screen hits nothing.
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    // The bottom band, halfway along: a click, not a drag (which zooms the page instead).
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 2);
    await logCount(page);
    const url = params(page);
    const [result] = url.getAll('f.result');
    const from = Date.parse(url.get('from')!);
    const to = Date.parse(url.get('to')!);
    expect(to - from).toBeGreaterThan(0);
    expect(to - from).toBeLessThanOrEqual(3 * 3_600_000);
    expect(from).toBeGreaterThanOrEqual(START.getTime());
    const inBucket = authentications().filter((r) => {
      const t = Date.parse(r.ts);
      return r.result === result && t >= from && t < to;
    });
    expect(inBucket.length).toBeGreaterThan(0);
    expect(await logCount(page)).toBe(format(inBucket.length));
    await page.close();
  });

  it('opens a country of the map; Space on it filters the overview instead', async () => {
    const page = await openOverview();
    const us = page.locator('[data-widget="countries"] [role="option"][data-key="US"]');
    await us.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => params(page).get('f.access_device.location.country_code'), WAIT).toBe('US');
    expect(new URL(page.url()).pathname).toBe('/');
    // The address changes at once; the page renders the filter as a transition just after.
    await page.getByRole('button', { name: /^Remove filter: .* is US$/ }).waitFor();
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    await page.locator('[data-widget="countries"] [role="option"][data-key="US"]').click();
    const fromUs = authentications().filter((r) => r.access_device?.location?.country_code === 'US');
    expect(await logCount(page)).toBe(format(fromUs.length));
    expect(params(page).getAll('f.access_device.location.country_code')).toEqual(['US']);
    await page.close();
  });

  it('opens a ranked application’s rows from its count; the name still filters the page', async () => {
    const page = await openOverview();
    const link = page.locator('[data-widget="applications"] tbody tr a').first();
    const name = (await page
      .locator('[data-widget="applications"] tbody tr th button')
      .first()
      .textContent())!;
    await link.click();
    const ofApp = authentications().filter((r) => r.application?.name === name);
    expect(await logCount(page)).toBe(format(ofApp.length));
    expect(params(page).getAll('f.application.name')).toEqual([name]);
    await page.goBack();
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    await page.locator('[data-widget="applications"] tbody tr th button').first().click();
    await expect.poll(() => params(page).getAll('f.application.name'), WAIT).toEqual([name]);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  it('opens an out-of-the-ordinary value’s rows from its share, with Enter', async () => {
    // The last two hours against the rest of the data set: some values stand out.
    const from = new Date(END.getTime() - 2 * 3_600_000);
    const page = await openOverview(1280, 800, `from=${from.toISOString()}&to=${END.toISOString()}&tz=UTC`);
    const finding = page.locator('[data-widget="significant"] tbody tr').first();
    // The share is the link in the row's cells (a user's name also links to the user's page).
    const share = finding.locator('td a');
    const label = (await share.getAttribute('aria-label'))!;
    await share.press('Enter');
    await logCount(page);
    const filtered = [...params(page).keys()].filter((k) => k.startsWith('f.') && k !== 'f.event_type');
    expect(filtered).toHaveLength(1);
    const field = filtered[0]!.slice(2);
    const value = params(page).get(filtered[0]!)!;
    expect(label).toContain(value);
    const read = (r: AuthLogRecord): unknown =>
      field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r);
    const matching = authentications().filter((r) => {
      const t = Date.parse(r.ts);
      return read(r) === value && t >= from.getTime() && t < END.getTime();
    });
    expect(await logCount(page)).toBe(format(matching.length));
    await page.close();
  });

  it('has no axe violations on the overview and the drilled-down log, at 1,280 and 390 px', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const page = await openOverview(width, height);
      expect(await axeFindings(page, 'body')).toEqual([]);
      await page.locator('[data-widget="summary"] svg [data-key="denied"]').click();
      await logCount(page);
      expect(await axeFindings(page, 'body')).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.close();
    }
  });
});
