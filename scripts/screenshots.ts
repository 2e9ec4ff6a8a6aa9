/**
 * `npm run screenshots`: the README's pictures of the dashboard, taken in Chromium from the real API
 * serving the built dashboard, over demo data of their own.
 *
 * Starts Elasticsearch as the tests do (scripts/es.sh, reused when running, or ES_URL), ingests a
 * week of generated records for the `docs-` customer once (deterministic ids: a rerun only checks the
 * count), runs the findings detector over them and stores what it finds, builds the dashboard, and
 * captures into docs/: the overview, the authentication log, the findings, one user's page and the
 * overview on a 390 px phone. The range is fixed, so pictures change only when the page does.
 * `--revision <git revision>` pictures the dashboard as committed there instead of the working tree. With
 * pngquant on the PATH the PNGs are reduced to 256 colours.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createDetector, type Finding } from '../packages/query-api/src/detection';
import { EsFindingStore } from '../packages/query-api/src/findings/store';
import { generateRecords } from '../packages/query-api/src/generate';
import { ingest, normalise, RejectFile } from '../packages/query-api/src/ingest';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { type AuthLogRecord } from '@sightline/schema';
import { createEsClient } from '../packages/query-api/src/server';
import { buildDashboardAt } from '../bench/dashboard/baseline';
import { launchChromium } from '../test/e2e/support/browser';
import { buildDashboard, startDashboardServer } from '../test/e2e/support/server';
import { startService } from '../test/support/provision';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const PREFIX = 'docs-';
const CUSTOMER = `${PREFIX}acme`;
/** A week of July 2026, a month no test writes to. */
const END = new Date('2026-07-15T12:00:00.000Z');
const DAYS = 7;
const START = new Date(END.getTime() - DAYS * 86_400_000);
const OPTIONS = {
  seed: 'docs-screenshots',
  count: 40_000,
  days: DAYS,
  end: END,
  customers: 'single',
  customerPrefix: PREFIX,
} as const;
const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

/** The demo records as ingest stores them, in time order. */
function demoRecords(): AuthLogRecord[] {
  const ingestedAt = new Date().toISOString();
  const out: AuthLogRecord[] = [];
  for (const record of generateRecords(OPTIONS)) {
    const result = normalise(record, { ingestedAt });
    if (result.ok) out.push(result.record);
  }
  return out.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
}

/** Ingests the demo week unless Elasticsearch already holds it, then stores the detector's findings. */
async function seed(esUrl: string): Promise<Finding[]> {
  const records = demoRecords();
  const es = createEsClient(esUrl, { requestTimeoutMs: 120_000 });
  try {
    const { count } = await es.count({
      index: READ_ALIAS,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { term: { customer_id: CUSTOMER } },
    });
    if (count < records.length) {
      console.error(`screenshots: ingesting ${records.length} demo records for ${CUSTOMER}…`);
      const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-docs-')), 'rejects.ndjson'));
      let line = 0;
      const items = (function* () {
        for (const value of generateRecords(OPTIONS)) yield { line: ++line, value };
      })();
      await ingest(es, { items, rejects, refresh: true });
    }
    const detector = createDetector({ customer: CUSTOMER });
    const found = new Map<string, Finding>();
    for (const record of records) for (const f of detector.observe(record)) found.set(f.id, f);
    const findings = [...found.values()];
    // Stored as the detect command stores them; ids are deterministic, so a rerun updates in place.
    await new EsFindingStore(es).upsert(findings, END.toISOString());
    return findings;
  } finally {
    await es.close();
  }
}

/** Waits until nothing on the page is loading: every widget answered, no chart busy, no request out. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () =>
      document.querySelector('[aria-busy="true"]') === null &&
      [...document.querySelectorAll('[data-widget]')].every((el) =>
        ['ready', 'empty'].includes(el.getAttribute('data-state') ?? ''),
      ),
    undefined,
    { timeout: 120_000 },
  );
  // Fonts and the last layout pass before the picture.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Reduces a PNG to 256 colours with pngquant when it is installed (Debian's pngquant package): a fraction
 * of the size with the same look. Without it the picture stays as Chromium wrote it.
 */
function shrink(path: string): void {
  try {
    execFileSync(
      'pngquant',
      ['--force', '--skip-if-larger', '--strip', '--quality', '70-95', '--output', path, path],
      { stdio: 'ignore' },
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 98/99: the result would be larger or worse than asked, so the original is kept, as it should be.
    if (code === 'ENOENT') console.error('screenshots: pngquant not installed; the PNGs stay as taken');
  }
}

interface Shot {
  file: string;
  path: string;
  width: number;
  height: number;
  /** The whole page rather than the first screen. */
  fullPage?: boolean;
}

async function capture(browser: Browser, base: string, token: string, shot: Shot): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: shot.width, height: shot.height },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  await context.addInitScript((t) => sessionStorage.setItem('sightline.token', t), token);
  const page = await context.newPage();
  try {
    await page.goto(`${base}${shot.path}`);
    await settled(page);
    const file = join(DOCS, shot.file);
    await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
    shrink(file);
    console.error(`screenshots: ${shot.file} (${Math.round(statSync(file).size / 1024)} KB)`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const esUrl = process.env.ES_URL ?? startService('es.sh');
  process.env.ES_URL = esUrl;
  const findings = await seed(esUrl);
  // The user behind the most findings has the fullest page; any user with records will do otherwise.
  const counts = new Map<string, number>();
  for (const f of findings) if (f.user) counts.set(f.user, (counts.get(f.user) ?? 0) + 1);
  const user = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? demoRecords()[0]?.user?.name;
  if (!user) throw new Error('the demo data has no user to show a page for');

  const at = process.argv.indexOf('--revision');
  const revision = at > 0 ? process.argv[at + 1] : undefined;
  if (at > 0 && !revision) throw new Error('--revision needs a git revision (a commit, branch or tag)');
  const server = await startDashboardServer(
    CUSTOMER,
    revision ? buildDashboardAt(revision) : buildDashboard(),
  );
  const browser = await launchChromium();
  try {
    const shots: Shot[] = [
      { file: 'overview.png', path: `/?${RANGE}`, width: 1280, height: 800, fullPage: true },
      { file: 'log.png', path: `/log?${RANGE}`, width: 1280, height: 800 },
      { file: 'findings.png', path: `/findings?${RANGE}`, width: 1280, height: 800 },
      { file: 'user.png', path: `/user?name=${encodeURIComponent(user)}&${RANGE}`, width: 1280, height: 800 },
      { file: 'phone.png', path: `/?${RANGE}`, width: 390, height: 844 },
    ];
    for (const shot of shots) await capture(browser, server.url, server.token, shot);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
