import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import { FAILED_RESULTS, type AuthLogRecord } from '@sightline/schema';
import {
  WAIT,
  donutValues,
  filledTable,
  mapTable,
  mapValues,
  nonZero,
  seriesTotals,
  signIn,
  waitForWidgets,
} from './support/browser';
import { countBy, END, START } from './support/dataset';
import { browser, records, server, setUpDashboardSession } from './support/session';

const WIDGETS = OVERVIEW_WIDGETS;
/** The data set's two days as a fixed range, in UTC, so the page never depends on the clock. */
const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

const authentications = () => records.filter((r) => r.event_type === 'authentication');
const country = (r: AuthLogRecord) => r.access_device?.location?.country_code;

setUpDashboardSession();

/**
 * Every country the map draws has the records' count, and its table (which also lists countries too
 * small to draw at this scale) has one row per country with the records' total.
 */
async function expectMapToMatch(page: Page, subset: readonly AuthLogRecord[]): Promise<void> {
  const expected = nonZero(countBy(subset, country));
  const drawn = await mapValues(page);
  expect(drawn.size).toBeGreaterThan(0);
  for (const [code, value] of drawn) expect([code, value]).toEqual([code, expected.get(code)]);
  // Records the map cannot place (a country no ISO code names, or none) are table rows of their own.
  const unplaced = [
    subset.filter((r) => r.access_device?.location?.country != null && country(r) == null).length,
    subset.filter((r) => r.access_device?.location?.country == null && country(r) == null).length,
  ].filter((n) => n > 0);
  const table = await mapTable(page);
  expect(table).toHaveLength(expected.size + unplaced.length);
  expect(table.reduce((sum, [, n]) => sum + n, 0)).toBe(subset.length);
}

async function openSignedIn(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${server.url}${path}`);
  await signIn(page, server.token);
  return page;
}

describe('the dashboard in a real browser', () => {
  it('keeps out an invalid token with a message, and signs in with a valid one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, 'not-a-real-token');
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toMatch(/token was not accepted/);
    expect(await page.evaluate(() => sessionStorage.getItem('sightline.token'))).toBeNull();
    await signIn(page, server.token);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('sightline.token'))).toBe(server.token);
    await page.close();
  });

  it('shows on the overview the numbers the records themselves give', async () => {
    const page = await openSignedIn(`/?${RANGE}`);
    await waitForWidgets(page, WIDGETS);

    const byResult = countBy(authentications(), (r) => r.result);
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(nonZero(byResult));
    const total = [...byResult.values()].reduce((a, b) => a + b, 0);
    expect(await page.locator('[data-widget="summary"] [data-total]').textContent()).toBe(
      total.toLocaleString('en-US'),
    );

    expect(nonZero(await seriesTotals(page))).toEqual(nonZero(byResult));
    // Every widget counts authentication attempts only, as the note beside the heading says.
    await expectMapToMatch(page, authentications());

    const failed = authentications().filter((r) => (FAILED_RESULTS as readonly string[]).includes(r.result));
    const reasons = countBy(failed, (r) => r.reason);
    const topReasons = await donutValues(page, 'reasons');
    for (const [reason, count] of topReasons)
      if (reason !== '__other__') expect(count).toBe(reasons.get(reason));

    const apps = countBy(authentications(), (r) => r.application?.name);
    const rows = await page
      .locator('[data-widget="applications"] tbody tr')
      .evaluateAll((trs) =>
        trs.map(
          (tr) => [tr.querySelector('th')!.textContent!, tr.querySelector('td')!.textContent!] as const,
        ),
      );
    const top = [...apps].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, rows.length);
    expect(rows.map(([name, n]) => [name, Number(n.replace(/,/g, ''))])).toEqual(top);

    await expect
      .poll(() => page.locator('[data-widget="latestFailures"]').textContent(), WAIT)
      .toContain(`10 of ${failed.length.toLocaleString('en-US')} rows`);

    await page.screenshot({ path: 'test-results/dashboard-overview.png', fullPage: true });
    await page.close();
  });

  it('filters the map, the time series and the log when a donut slice is chosen with Space', async () => {
    const page = await openSignedIn(`/?${RANGE}`);
    await waitForWidgets(page, WIDGETS);
    // A click (or Enter) opens the slice's rows in the log; Space filters the page, as its legend entry does.
    await page.locator('[data-widget="summary"] svg [data-key="denied"]').focus();
    await page.keyboard.press(' ');

    await expect.poll(() => new URL(page.url()).searchParams.getAll('f.result'), WAIT).toEqual(['denied']);
    await page.getByRole('button', { name: 'Remove filter: Result is denied' }).waitFor();
    await waitForWidgets(page, WIDGETS);

    // The log lists every event; the widgets count authentications.
    const denied = records.filter((r) => r.result === 'denied');
    await expectMapToMatch(
      page,
      denied.filter((r) => r.event_type === 'authentication'),
    );
    expect(nonZero(await seriesTotals(page))).toEqual(
      nonZero(
        countBy(
          denied.filter((r) => r.event_type === 'authentication'),
          (r) => r.result,
        ),
      ),
    );
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(
      nonZero(
        countBy(
          denied.filter((r) => r.event_type === 'authentication'),
          (r) => r.result,
        ),
      ),
    );

    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Authentication log' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Authentication log' }).waitFor();
    // Focus moves to the new page's heading, for keyboard and screen reader users.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe('H1');
    await expect
      .poll(() => page.locator('#log-results').textContent(), WAIT)
      .toMatch(new RegExp(`^${denied.length.toLocaleString('en-US')} attempts`));
    await page.close();
  });

  it('filters the page from a legend entry as from the chart itself; the swatch only hides a series', async () => {
    const page = await openSignedIn(`/?${RANGE}`);
    await waitForWidgets(page, WIDGETS);
    const summary = page.locator('[data-widget="summary"]');
    const attempts = page.locator('[data-widget="attempts"]');
    await summary.getByRole('button', { name: 'Show success', exact: true }).click();
    await summary.locator('svg [data-key="success"]').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.getAll('f.result')).toEqual([]);

    await attempts.getByRole('button', { name: 'denied', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f.result'), WAIT).toEqual(['denied']);
    await page.getByRole('button', { name: 'Remove filter: Result is denied' }).waitFor();
    await waitForWidgets(page, WIDGETS);
    const denied = authentications().filter((r) => r.result === 'denied');
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(new Map([['denied', denied.length]]));
    expect(
      await attempts.getByRole('button', { name: 'denied', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');

    // The donut's legend entry toggles the same filter back off.
    await summary.getByRole('button', { name: 'denied', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f.result'), WAIT).toEqual([]);
    await page.close();
  });

  it('restores the same view from the URL on reload, back and forward', async () => {
    const page = await openSignedIn(`/?${RANGE}`);
    await waitForWidgets(page, WIDGETS);
    const before = await mapValues(page);

    await page.locator('[data-widget="countries"] [role="option"][data-key="US"]').focus();
    await page.keyboard.press(' ');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('f.access_device.location.country_code'), WAIT)
      .toBe('US');
    // The address changes at once; the page renders the filter as a transition just after.
    await page.getByRole('button', { name: /^Remove filter: .* is US$/ }).waitFor();
    await waitForWidgets(page, WIDGETS);
    const us = records.filter((r) => country(r) === 'US');
    const filteredSummary = nonZero(
      countBy(
        us.filter((r) => r.event_type === 'authentication'),
        (r) => r.result,
      ),
    );
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(filteredSummary);
    const filteredUrl = page.url();

    await page.reload();
    await waitForWidgets(page, WIDGETS);
    expect(page.url()).toBe(filteredUrl);
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(filteredSummary);
    expect(await page.getByTestId('filter-pill').allTextContents()).toEqual([expect.stringContaining('US')]);

    await page.goBack();
    await expect.poll(() => page.getByTestId('filter-pill').count(), WAIT).toBe(0);
    await waitForWidgets(page, WIDGETS);
    expect(await mapValues(page)).toEqual(before);

    await page.goForward();
    await expect.poll(() => page.url(), WAIT).toBe(filteredUrl);
    await waitForWidgets(page, WIDGETS);
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(filteredSummary);
    await page.close();
  });

  it('says which parts of a garbled link it ignored and shows the rest', async () => {
    const page = await openSignedIn(`/?${RANGE}&f.result=denied&f.result=maybe&refresh=1s`);
    await waitForWidgets(page, WIDGETS);
    const notice = page.locator('.sl-notice--warning');
    await expect.poll(() => notice.textContent(), WAIT).toContain('"maybe" is not a value of result');
    expect(await notice.textContent()).toContain('Unknown refresh interval "1s"');
    expect(await page.getByTestId('filter-pill').allTextContents()).toEqual([
      expect.stringContaining('denied'),
    ]);
    await page.getByRole('button', { name: 'Clean up the link' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f.result'), WAIT).toEqual(['denied']);
    expect(new URL(page.url()).searchParams.has('refresh')).toBe(false);
    await page.close();
  });

  it('checks a link’s filter values as the API would: an invalid one is reported once and left out', async () => {
    const page = await openSignedIn(`/?${RANGE}&f.access_device.ip=999.999.1.1&last=7d`);
    await waitForWidgets(page, WIDGETS);
    const notice = page.locator('.sl-notice--warning');
    await expect
      .poll(() => notice.textContent(), WAIT)
      .toContain('Ignored filter f.access_device.ip=999.999.1.1: expected an IP address or CIDR block');
    expect(await notice.textContent()).toContain('Ignored last=7d');
    expect((await notice.textContent())?.split('999.999.1.1:')).toHaveLength(2);
    // No widget asked the API with the bad value: none shows an error, and the page has no pill for it.
    expect(await page.locator('[data-widget][data-state="error"]').count()).toBe(0);
    expect(await page.getByTestId('filter-pill').count()).toBe(0);
    expect(nonZero(await donutValues(page, 'summary'))).toEqual(
      nonZero(countBy(authentications(), (r) => r.result)),
    );
    await page.close();
  });

  it('says the time chart’s bucket size, buckets a month by whole days and ticks only whole attempts', async () => {
    const monthAgo = new Date(END.getTime() - 30 * 86_400_000);
    const page = await openSignedIn(`/?from=${monthAgo.toISOString()}&to=${END.toISOString()}&tz=UTC`);
    await waitForWidgets(page, WIDGETS);
    const attempts = page.locator('[data-widget="attempts"]');
    const label = attempts.locator('[data-bucket-label]');
    await expect.poll(() => label.textContent(), WAIT).toBe('Attempts per day');
    expect(await label.isVisible()).toBe(true);
    // Screen readers hear the same: the plot is described by the label.
    const plot = attempts.getByRole('group', { name: 'Attempts over time by result', exact: true });
    expect(await plot.and(page.getByRole('group', { description: 'Attempts per day' })).count()).toBe(1);
    // Whole days from midnight in the page's zone: no bucket is a daytime or a night-time half.
    const times = await (await filledTable(page, 'attempts')).locator('tbody th').allTextContents();
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (const time of times) expect(time).toMatch(/, 00:00 UTC$/);
    expect(nonZero(await seriesTotals(page))).toEqual(nonZero(countBy(authentications(), (r) => r.result)));
    await page.close();

    // A user with a handful of attempts: the axis counts 0, 1, 2…, never 0.2 of an attempt.
    const perUser = countBy(authentications(), (r) => r.user.name);
    const [few] = [...perUser].filter(([, n]) => n >= 2 && n <= 4).sort(([a], [b]) => (a < b ? -1 : 1));
    if (!few) throw new Error('the data set has no user with 2 to 4 attempts');
    const small = await openSignedIn(`/?${RANGE}&f.user.name=${encodeURIComponent(few[0])}`);
    await waitForWidgets(small, WIDGETS);
    const chart = small.locator('[data-widget="attempts"]');
    await expect
      .poll(() => chart.locator('[data-bucket-label]').textContent(), WAIT)
      .toBe('Attempts per 15 minutes');
    expect(nonZero(await seriesTotals(small))).toEqual(
      nonZero(
        countBy(
          authentications().filter((r) => r.user.name === few[0]),
          (r) => r.result,
        ),
      ),
    );
    const ticks = await chart.locator('svg g[aria-hidden] > g:not([data-tick]) text').allTextContents();
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const tick of ticks) expect(tick).toMatch(/^\d+$/);
    await small.close();
  });

  it('colours the map in classes that separate the countries, each named by the counts it holds', async () => {
    const page = await openSignedIn(`/?${RANGE}`);
    await waitForWidgets(page, WIDGETS);
    const map = page.locator('[data-widget="countries"]');
    await map.locator('[role="option"][data-key]').first().waitFor({ state: 'attached', timeout: 30_000 });
    const legend = await map
      .getByRole('list', { name: 'Attempts colour scale' })
      .getByRole('listitem')
      .allTextContents();
    const classes = legend
      .filter((label) => label !== 'No data')
      .map((label) => label.split(' – ').map((n) => Number(n.replace(/,/g, ''))))
      .map(([from, to]) => [from!, to ?? from!] as const);
    const holds = (i: number, value: number) => value >= classes[i]![0] && value <= classes[i]![1];
    const values = (await mapTable(page)).map(([, value]) => value);
    expect(new Set(values).size).toBeGreaterThanOrEqual(5);
    // Five classes, every one holding countries: skewed counts no longer crowd into the lowest.
    expect(classes).toHaveLength(5);
    classes.forEach((_, i) => expect(values.some((v) => holds(i, v))).toBe(true));
    // The legend is true to the map: every drawn country's value lies in the class its colour names.
    const drawn = await map
      .locator('[role="option"][data-key]')
      .evaluateAll((nodes) =>
        nodes.map((n) => [Number(n.getAttribute('data-bucket')), n.getAttribute('aria-label')!] as const),
      );
    for (const [bucket, label] of drawn) {
      const value = Number(label.slice(label.lastIndexOf(':') + 1).replace(/[^\d]/g, ''));
      expect([label, holds(bucket, value)]).toEqual([label, true]);
    }
    await page.close();
  });

  it('fits a 1024 px wide window without horizontal scrolling or height added by hidden tables', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.token);
    await waitForWidgets(page, WIDGETS);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    // The charts' screen-reader tables (hundreds of rows) must not lengthen the page: removing them
    // leaves its scroll height unchanged.
    const [withTables, withoutTables] = await page.evaluate(() => {
      const before = document.documentElement.scrollHeight;
      const tables = document.querySelectorAll<HTMLElement>('table[data-sl-hidden-table]');
      for (const table of tables) table.style.display = 'none';
      const after = document.documentElement.scrollHeight;
      for (const table of tables) table.style.display = '';
      return [before, after];
    });
    expect(withTables).toBe(withoutTables);
    await page.screenshot({ path: 'test-results/dashboard-overview-1024.png', fullPage: true });
    await page.close();
  });

  it('sends an expired session back to sign-in with a message, keeping the view in the URL', async () => {
    const page = await openSignedIn(`/?${RANGE}`);
    await waitForWidgets(page, WIDGETS);
    server.revoke();
    try {
      // The keyboard path: slices are focusable buttons, Space selects.
      await page.locator('[data-widget="summary"] svg [data-key="success"]').focus();
      await page.keyboard.press(' ');
      await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toMatch(/session has ended/);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Sightline' }).waitFor();
      expect(new URL(page.url()).searchParams.getAll('f.result')).toEqual(['success']);
      expect(await page.evaluate(() => sessionStorage.getItem('sightline.token'))).toBeNull();
    } finally {
      await page.close();
    }
  });
});
