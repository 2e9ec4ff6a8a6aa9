import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** How long a poll waits for the page: vitest's default (1 s) is shorter than a query over 14,000 rows. */
export const WAIT = { timeout: 30_000, interval: 100 };

/** Debian's Chromium (scripts/chromium.sh installs it), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: run \`bash scripts/chromium.sh\` or set CHROMIUM_PATH`);
  return path;
}

export interface LaunchOptions {
  /** Chromium's default: the address bar's popup loaded into every context (see below); for comparisons. */
  addressBarPopup?: boolean;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium's headless mode is the whole browser: for every context (a profile of its own) it loads
 * the address bar's popup, a web app, into a renderer that then runs about 1.2 s of CPU on a machine
 * of two cores, beside the page under test. A user's browser has it loaded already.
 */
const ADDRESS_BAR_POPUP = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
  'FullWebUIOmniboxFrame',
];

const DISABLE_FEATURES = '--disable-features=';
let playwrightSwitch: Promise<string | undefined> | undefined;

const launch = (args: string[], options: { ignoreDefaultArgs?: string[] } = {}) =>
  chromium.launch({ executablePath: chromiumPath(), args: [...ARGS, ...args], ...options });

/** The switches a browser was started with, as chrome://version shows them. */
export async function browserCommandLine(browser: Browser): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto('chrome://version');
    return ((await page.locator('#command_line').textContent()) ?? '').split(/\s+/).filter(Boolean);
  } finally {
    await context.close();
  }
}

/**
 * Playwright's own `--disable-features` switch, as the browser received it. Chromium keeps only the
 * last of a repeated switch, so features of our own must go into that one: read once per process
 * from a browser launched with Playwright's defaults (its list is not part of its API).
 */
function playwrightDisabledFeatures(): Promise<string | undefined> {
  // The probe is spared the popup too: Playwright's switch comes first, ours last (which Chromium keeps).
  const own = `${DISABLE_FEATURES}${ADDRESS_BAR_POPUP.join(',')}`;
  playwrightSwitch ??= (async () => {
    const browser = await launch([own]);
    try {
      return (await browserCommandLine(browser)).find(
        (arg) => arg.startsWith(DISABLE_FEATURES) && arg !== own,
      );
    } finally {
      await browser.close();
    }
  })().catch((error: unknown) => {
    playwrightSwitch = undefined;
    throw error;
  });
  return playwrightSwitch;
}

export async function launchChromium({ addressBarPopup = false }: LaunchOptions = {}): Promise<Browser> {
  if (addressBarPopup) return launch([]);
  const playwrights = await playwrightDisabledFeatures();
  const disabled = [...(playwrights?.slice(DISABLE_FEATURES.length).split(',') ?? []), ...ADDRESS_BAR_POPUP];
  return launch(
    [`${DISABLE_FEATURES}${disabled.join(',')}`],
    playwrights ? { ignoreDefaultArgs: [playwrights] } : {},
  );
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
 * The log rows the page is answered, one entry per log page however often that page is asked for.
 * Reports go through a route that reads each answer whole before handing it on: a batch answers with
 * its headers at once and streams its lines, and when the page gives up the rest of a batch (its
 * other queries were cancelled) Chromium keeps no body to read afterwards, although the page used
 * the lines it had. A page asked for again (a query retried or refetched) replaces its entry, keyed
 * by its definition, so what repeats is a row in two different pages.
 */
export async function watchLogRows(page: Page): Promise<() => string[]> {
  const pages = new Map<string, string[]>();
  await page.route(/\/api\/reports\/(run|batch)$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const sent = route.request().postDataJSON() as object | { reports: object[] };
    const batch = 'reports' in sent;
    const answers: { index: number; result?: { view: string; rows?: { txid: string }[] } }[] = batch
      ? body
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as { index: number; result?: { view: string } })
      : response.ok()
        ? [{ index: 0, result: JSON.parse(body) as { view: string } }]
        : [];
    for (const { index, result } of answers) {
      if (result?.view !== 'log') continue;
      const definition = batch ? sent.reports[index] : sent;
      pages.set(
        JSON.stringify(definition),
        (result.rows ?? []).map((r) => r.txid),
      );
    }
    // The page may have gone already: nothing is waiting for this answer then.
    await route.fulfill({ response, body }).catch(() => undefined);
  });
  return () => [...pages.values()].flat();
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
