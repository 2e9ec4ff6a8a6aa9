import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import { FAILED_RESULTS, type AuthLogRecord } from '@sightline/schema';
import { signIn, waitForWidgets } from './support/browser';
import { END, START } from './support/dataset';
import { axeFindings } from './support/storybook';
import { browser, records, server, setUpDashboardSession } from './support/session';

/** The data set's second day; the previous period of equal length is its first day. */
const MIDDLE = new Date((START.getTime() + END.getTime()) / 2);
const RANGE = `from=${MIDDLE.toISOString()}&to=${END.toISOString()}&tz=UTC`;

setUpDashboardSession();

/** The headline figures of the authentications in [from, to), counted from the records themselves. */
function figures(from: Date, to: Date, among: readonly AuthLogRecord[] = records) {
  const inside = among.filter((r) => {
    const t = Date.parse(r.ts);
    return r.event_type === 'authentication' && t >= from.getTime() && t < to.getTime();
  });
  const failed = inside.filter((r) => (FAILED_RESULTS as readonly string[]).includes(r.result)).length;
  const distinct = (read: (r: AuthLogRecord) => string | null | undefined) =>
    new Set(inside.map(read).filter((v) => v != null)).size;
  return {
    attempts: inside.length,
    failureRate: failed / inside.length,
    distinctUsers: distinct((r) => r.user?.name),
    countries: distinct((r) => r.access_device?.location?.country_code),
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) =>
  share.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 });

async function openOverview(width: number, height: number): Promise<Page> {
  // The page's content security policy forbids inline scripts; axe is injected as one.
  const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true, locale: 'en-US' });
  await page.goto(`${server.url}/?${RANGE}`);
  await signIn(page, server.token);
  await waitForWidgets(page, OVERVIEW_WIDGETS);
  return page;
}

/** One figure as shown: its value, its arrow, and the change in words that screen readers hear. */
async function shownFigure(page: Page, key: string) {
  const item = page.locator(`[data-widget="headline"] [data-figure="${key}"]`);
  const [value, change] = await Promise.all([
    item.locator('dd').first().textContent(),
    item.locator('dd[data-direction]').textContent(),
  ]);
  return { value, change };
}

describe('headline figures compared with the previous period', () => {
  it('shows attempts, failure rate, distinct users and countries with their change against the day before', async () => {
    const now = figures(MIDDLE, END);
    const before = figures(START, MIDDLE);
    expect(now.attempts).toBeGreaterThan(0);
    expect(before.attempts).toBeGreaterThan(0);
    const page = await openOverview(1280, 800);
    const expected = {
      attempts: [count(now.attempts), now.attempts - before.attempts, `from ${count(before.attempts)}`],
      failureRate: [
        percent(now.failureRate),
        now.failureRate - before.failureRate,
        `from ${percent(before.failureRate)}`,
      ],
      distinctUsers: [
        count(now.distinctUsers),
        now.distinctUsers - before.distinctUsers,
        `from ${count(before.distinctUsers)}`,
      ],
      countries: [count(now.countries), now.countries - before.countries, `from ${count(before.countries)}`],
    } as const;
    for (const [key, [value, delta, from]] of Object.entries(expected)) {
      const shown = await shownFigure(page, key);
      expect(shown.value, key).toBe(value);
      // The direction is said in words and with an arrow, never by colour alone.
      const [arrow, word] = delta > 0 ? ['▲', 'up'] : delta < 0 ? ['▼', 'down'] : ['■', 'no change'];
      expect(shown.change, key).toContain(arrow);
      expect(shown.change, key).toContain(word);
      expect(shown.change, key).toContain(from);
    }
    const attempts = await shownFigure(page, 'attempts');
    const relative = (now.attempts - before.attempts) / before.attempts;
    expect(attempts.change).toContain(`${relative >= 0 ? '+' : '−'}${percent(Math.abs(relative))}`);
    // The period compared with is named, in the page's one date format and zone.
    await expect
      .poll(() => page.locator('[data-widget="headline"]').textContent())
      .toMatch(/Change against the previous period of equal length: Sep 13.*UTC/);
    await page.close();
  });

  it('follows the page filters: one country narrows both periods', async () => {
    const page = await openOverview(1280, 800);
    await page.goto(`${server.url}/?${RANGE}&f.access_device.location.country_code=US`);
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    const onlyUs = records.filter((r) => r.access_device?.location?.country_code === 'US');
    const now = figures(MIDDLE, END, onlyUs);
    const before = figures(START, MIDDLE, onlyUs);
    await expect.poll(async () => (await shownFigure(page, 'attempts')).value).toBe(count(now.attempts));
    expect((await shownFigure(page, 'attempts')).change).toContain(`from ${count(before.attempts)}`);
    expect((await shownFigure(page, 'countries')).value).toBe('1');
    await page.close();
  });

  it('fits 390 px and 1,280 px with no axe violations, "Out of the ordinary" still on a laptop\'s first screen', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const page = await openOverview(width, height);
      expect(await axeFindings(page, '[data-widget="headline"]')).toEqual([]);
      expect(await axeFindings(page, 'body')).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (width === 1280) {
        const title = await page.getByRole('heading', { name: 'Out of the ordinary' }).boundingBox();
        expect(title!.y + title!.height).toBeLessThanOrEqual(800);
      }
      await page.screenshot({ path: `test-results/dashboard-headline-${width}.png` });
      await page.close();
    }
  });
});
