import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import { signIn, waitForWidgets } from './support/browser';
import { END, START } from './support/dataset';
import { browser, server, setUpDashboardSession } from './support/session';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

setUpDashboardSession();

/** A page that records every Content-Security-Policy violation and console error it meets. */
async function watchedPage(): Promise<{ page: Page; violations: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  return { page, violations, errors };
}

describe('the built dashboard under its Content-Security-Policy', () => {
  it('is served with the policy and the other security headers', async () => {
    const response = await fetch(`${server.url}/?${RANGE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('draws the overview, its tooltips and the log without a single violation', async () => {
    const { page, violations, errors } = await watchedPage();
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.token);
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    // Tooltips and hover states are positioned through inline styles.
    await page.locator('[data-widget="summary"] svg [data-key="denied"]').hover({ force: true });
    await page.locator('[data-widget="summary"] svg [data-key="success"]').hover({ force: true });
    await page.goto(`${server.url}/log?${RANGE}`);
    await page.locator('[data-widget="log"][data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/builder?${RANGE}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(violations).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    await page.close();
  });

  it('the policy is enforced: an inline script is refused', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${server.url}/?${RANGE}`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await page.close();
  });
});
