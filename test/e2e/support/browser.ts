import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';

/** How long a poll waits for the page: vitest's default (1 s) is shorter than a query over 14,000 rows. */
export const WAIT = { timeout: 30_000, interval: 100 };

/** Debian's Chromium (scripts/chromium.sh installs it), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: run \`bash scripts/chromium.sh\` or set CHROMIUM_PATH`);
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Customer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until every widget on the page shows data for the current URL (none loading, updating or failed). */
export async function waitForWidgets(page: Page, names: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      expected.every((name) => {
        const widget = document.querySelector(`[data-widget="${name}"]`);
        const state = widget?.getAttribute('data-state');
        // The charts' screen-reader tables fill in a deferred render right after the chart is drawn.
        const filled = widget?.querySelector('table[data-sl-hidden-table][data-pending]') === null;
        return (state === 'ready' || state === 'empty') && filled;
      }),
    names,
    { timeout: 30_000 },
  );
}

const number = (text: string) => Number(text.replace(/[^\d.]/g, ''));

/** A donut's slices as key → value, read from their accessible names ("denied: 1,234 (9.8%)"). */
export async function donutValues(page: Page, widget: string): Promise<Map<string, number>> {
  const slices = await page
    .locator(`[data-widget="${widget}"] svg [role="button"][data-key]`)
    .evaluateAll((nodes) =>
      nodes.map((n) => [n.getAttribute('data-key')!, n.getAttribute('aria-label')!] as const),
    );
  return new Map(
    slices.map(([key, label]) => [key, number(label.slice(label.lastIndexOf(':') + 1).split('(')[0]!)]),
  );
}

/** The map's countries with data as alpha-2 code → value ("United States: 833"). */
export async function mapValues(page: Page): Promise<Map<string, number>> {
  const countries = page.locator('[data-widget="countries"] [role="option"][data-key]');
  // The widget is ready when its data is; the world geometry loads lazily and may land a moment later.
  await countries.first().waitFor({ state: 'attached', timeout: 30_000 });
  const items = await countries.evaluateAll((nodes) =>
    nodes.map((n) => [n.getAttribute('data-key')!, n.getAttribute('aria-label')!] as const),
  );
  return new Map(items.map(([key, label]) => [key, number(label.slice(label.lastIndexOf(':') + 1))]));
}

/**
 * The report results a response carries: the one of POST /api/reports/run, or each answered line of
 * POST /api/reports/batch (the dashboard sends a page's reports together); none for other routes.
 */
export async function reportResultsOf<T = { view: string; rows?: { txid: string }[] }>(
  response: Response,
): Promise<T[]> {
  const path = new URL(response.url()).pathname;
  if (path === '/api/reports/run') return [(await response.json()) as T];
  if (path !== '/api/reports/batch') return [];
  return (await response.text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { result?: T })
    .flatMap((line) => (line.result ? [line.result] : []));
}

/** A widget's screen-reader table once its rows are in (they come in a render of their own). */
export async function filledTable(page: Page, widget: string) {
  const table = page.locator(`[data-widget="${widget}"] table[data-sl-hidden-table]:not([data-pending])`);
  await table.waitFor({ state: 'attached' });
  return table;
}

/** The map's screen-reader table: every country the API returned, drawable or not, as [name, value]. */
export async function mapTable(page: Page): Promise<[string, number][]> {
  await filledTable(page, 'countries');
  const rows = await page
    .locator('[data-widget="countries"] table[data-sl-hidden-table] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
  return rows.map(([name, value]) => [name ?? '', number(value ?? '')]);
}

/** The time series' screen-reader table summed per series. */
export async function seriesTotals(page: Page): Promise<Map<string, number>> {
  const table = await filledTable(page, 'attempts');
  const headers = await table.locator('thead th').allTextContents();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const totals = new Map<string, number>();
  headers.slice(1).forEach((series, i) =>
    totals.set(
      series,
      rows.reduce((sum, cells) => sum + number(cells[i] ?? '0'), 0),
    ),
  );
  return totals;
}

/** Keys with a non-zero count, for comparing with what a chart draws. */
export function nonZero(counts: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...counts].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1)));
}
