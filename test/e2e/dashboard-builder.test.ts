import { describe, expect, it } from 'vitest';
import { colorsFor } from '@sightline/charts';
import { signIn } from './support/browser';
import { END, START } from './support/dataset';
import { browser, server, setUpDashboardSession } from './support/session';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

setUpDashboardSession();

describe('the report builder', () => {
  it('previews through the <Report> it hands out: a result keeps the colour it has on the overview', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.token);
    const onOverview = page.locator('[data-widget="summary"] svg path[data-key="denied"]');
    await onOverview.waitFor();
    const overviewFill = await onOverview.getAttribute('fill');
    await page.goto(`${server.url}/builder?${RANGE}`);
    const inPreview = page.locator('[data-widget="preview"] svg path[data-key="denied"]');
    await inPreview.waitFor();
    expect(await inPreview.getAttribute('fill')).toBe(overviewFill);
    expect(await inPreview.getAttribute('fill')).toBe(colorsFor('result')('denied'));
    await page.close();
  });

  it('ranks a failure rate as bars in percent, and a pressed name filters the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    await page.goto(`${server.url}/builder?${RANGE}&by=factor&metric=failure_rate`);
    await signIn(page, server.token);
    const preview = page.locator('[data-widget="preview"]');
    await preview.getByRole('columnheader', { name: 'Failure rate' }).waitFor();
    expect(await preview.locator('svg path[data-key]').count()).toBe(0);
    const values = await preview.locator('tbody td').allTextContents();
    expect(values.length).toBeGreaterThan(1);
    const shares = values.map((v) => {
      expect(v).toMatch(/^\d+(\.\d)?%$/);
      return parseFloat(v);
    });
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    const first = preview.locator('tbody th button').first();
    const factor = (await first.textContent())!;
    await first.click();
    await page.waitForURL((url) => url.searchParams.get('f.factor') === factor);
    await page.close();
  });
});
