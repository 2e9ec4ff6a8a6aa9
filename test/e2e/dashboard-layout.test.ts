import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import { signIn, waitForWidgets } from './support/browser';
import { END, START } from './support/dataset';
import { browser, server, setUpDashboardSession } from './support/session';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

setUpDashboardSession();

/** How far the page reaches past the window's right edge, and elements that stick out (by their class). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        if (el.closest('[data-sl-hidden-table], .sl-visually-hidden, [role="grid"]')) return false;
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { extra: document.documentElement.scrollWidth - width, outside: outside.slice(0, 5) };
  });
}

describe('the dashboard from a phone to a laptop', () => {
  it('fits the sign-in card and the overview into 390 px without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/?${RANGE}`);
    const card = await page.getByRole('heading', { name: 'Sign in to Sightline' }).boundingBox();
    expect(card!.x).toBeGreaterThanOrEqual(0);
    expect(await overflow(page)).toEqual({ extra: 0, outside: [] });

    await signIn(page, server.token);
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    expect(await overflow(page)).toEqual({ extra: 0, outside: [] });
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
    await page.screenshot({ path: 'test-results/dashboard-overview-390.png', fullPage: true });
    await page.close();
  });

  it('shows "Out of the ordinary" on the first screen of a 1,280 × 800 laptop', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.token);
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const card = await page.locator('[data-widget="significant"]').boundingBox();
    const heading = await page.getByRole('heading', { name: 'Out of the ordinary' }).boundingBox();
    expect(card!.y).toBeGreaterThanOrEqual(0);
    expect(card!.y).toBeLessThan(800);
    // Its title can be read without scrolling, not just its top border.
    expect(heading!.y + heading!.height).toBeLessThanOrEqual(800);
    await page.close();
  });

  it('fits every column of the log into its box at 1,280 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/log?${RANGE}`);
    await signIn(page, server.token);
    await page.locator('[data-widget="log"][data-state="ready"]').waitFor({ timeout: 30_000 });
    const grid = page.getByRole('grid');
    const fit = await grid.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const headers = [...el.querySelectorAll('[role="columnheader"]')].map((h) => ({
        name: h.textContent,
        right: h.getBoundingClientRect().right,
      }));
      return {
        scrolls: el.scrollWidth > el.clientWidth,
        outside: headers.filter((h) => h.right > box.right + 0.5).map((h) => h.name),
        columns: headers.length,
      };
    });
    expect(fit).toEqual({ scrolls: false, outside: [], columns: expect.any(Number) });
    // Times show whole, seconds and zone included, and so do IPv4 addresses: other columns give way first.
    const cut = await grid.evaluate((el) => {
      const headers = [...el.querySelectorAll('[role="columnheader"]')];
      const cells = (name: string) => {
        const column = headers.findIndex((h) => h.textContent?.startsWith(name)) + 1;
        return [...el.querySelectorAll(`[role="gridcell"][aria-colindex="${column}"]`)];
      };
      const times = cells('Time');
      const v4 = cells('IP').filter((c) => /^\d+\.\d+\.\d+\.\d+$/.test(c.textContent ?? ''));
      const whole = (c: Element) => c.scrollWidth <= c.clientWidth;
      return {
        times: times.length,
        v4: v4.length,
        cut: [...times, ...v4].filter((c) => !whole(c)).map((c) => c.textContent),
      };
    });
    expect(cut.cut).toEqual([]);
    expect(cut.times).toBeGreaterThan(5);
    expect(cut.v4).toBeGreaterThan(5);
    // Body cells line up with their headers, in a closed row and in an open one showing its record.
    const misaligned = (rowIndex: number) =>
      grid.evaluate((el, index) => {
        const edges = (cell: Element) => {
          const box = cell.getBoundingClientRect();
          return [Math.round(box.left), Math.round(box.right)];
        };
        const headers = [...el.querySelectorAll('[role="columnheader"]')].map(edges);
        const row = el.querySelector(`[role="row"][aria-rowindex="${index}"]`)!;
        return [...row.querySelectorAll(':scope > [role="gridcell"]')].flatMap((cell, i) => {
          // An open row's first cell spans the row; its value sits in its first column.
          const [left, right] = edges(
            i === 0 && cell.getAttribute('aria-expanded') === 'true' ? cell.firstElementChild! : cell,
          );
          const [hl, hr] = headers[i]!;
          return Math.abs(left! - hl!) > 1 || Math.abs(right! - hr!) > 1
            ? [cell.getAttribute('aria-colindex')]
            : [];
        });
      }, rowIndex);
    expect(await misaligned(2)).toEqual([]);
    await page.locator('[role="row"][aria-rowindex="3"]').click();
    await page.locator('[role="row"][aria-rowindex="3"][data-expanded="true"]').waitFor();
    expect(await misaligned(3)).toEqual([]);
    const open = await page.locator('[role="row"][aria-rowindex="3"]').boundingBox();
    expect(open!.height).toBeGreaterThan(100);
    expect(await page.getByRole('columnheader', { name: /IP/ }).isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: /Country/ }).isVisible()).toBe(true);
    expect(await overflow(page)).toEqual({ extra: 0, outside: [] });
    await page.screenshot({ path: 'test-results/dashboard-log-1280.png' });
    await page.close();
  });
});

describe('dates on the page', () => {
  it('shows every instant one way, in the viewer’s locale, with the zone', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.token);
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    // The range button, a time in the latest failures and a row of the time chart's table.
    const range = await page.getByRole('button', { name: /2026/ }).first().textContent();
    const logTime = await page
      .locator('[data-widget="latestFailures"] [role="gridcell"]')
      .first()
      .textContent();
    const chartTime = await page
      .locator(
        '[data-widget="attempts"] table[data-sl-hidden-table] tbody tr th, [data-widget="attempts"] table[data-sl-hidden-table] tbody tr td',
      )
      .first()
      .textContent();
    const enGb = /^\d{1,2} [A-Z][a-z]{2,3} 2026, \d{2}:\d{2}(:\d{2})? UTC$/;
    expect(range?.replace(' (edit custom range)', '').split(' – ')).toEqual([
      expect.stringMatching(enGb),
      expect.stringMatching(enGb),
    ]);
    expect(logTime).toMatch(enGb);
    expect(chartTime).toMatch(enGb);
    await context.close();
  });
});
