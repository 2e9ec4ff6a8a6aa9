/**
 * Dashboard speed in a real browser, `npm run bench -- dashboard [--iterations N]`.
 *
 * Headless Chromium against the real API serving the built dashboard, over a bench customer with
 * ≥ 1,000,000 records in the last 7 days (the reports benchmark's customer; ingested once, idempotently).
 * Measured in the page (performance.now(), navigation start = 0) from the widgets' data-state attributes:
 * - overview complete: navigation to every overview widget showing data (fresh browser context each time:
 *   no React Query cache, assets fetched again from loopback);
 * - cross-filter: a click on a donut slice to every widget showing data for the new filter.
 * Two variants: `last=7d` as a user opens it (the API rounds "now" to the minute, so Elasticsearch's
 * request cache answers repeats within a minute), and a fixed range moved by a second per run, so every
 * search misses that cache (a new minute, or fresh data). Targets: overview < 1.5 s, cross-filter < 500 ms.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { OVERVIEW_WIDGETS } from '../apps/dashboard/src/overview/overviewReports';
import { createEsClient } from '../packages/query-api/src/server';
import { launchChromium } from '../test/e2e/support/browser';
import { buildDashboard, startDashboardServer } from '../test/e2e/support/server';
import { BENCH_TENANT, ensureBenchData } from './data';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
/** Shared with bench/reports.ts: same generator options, so whichever runs first ingests for both. */
const TENANT = BENCH_TENANT;
const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ITERATIONS = Number(option('--iterations') ?? 10);
/**
 * Another customer's data (the scale benchmark's), whose last 7 days end at `--end`: only the fixed,
 * uncached range is measured, answered with summaries or not (`--summaries on|off`), and the results
 * go to bench/results/dashboard-<--out>.
 */
const CUSTOMER = option('--customer');
const END = option('--end');
const SUMMARIES = option('--summaries') === 'on';
const OUT = option('--out');
if (CUSTOMER && (!END || !OUT || Number.isNaN(Date.parse(END))))
  throw new Error('--customer needs --end (an ISO instant: the end of its data) and --out (a results name)');
const WIDGETS = OVERVIEW_WIDGETS;
const SLICES = ['denied', 'failure', 'error', 'fraud', 'success'];
const TARGETS = { overviewMs: 1500, crossFilterMs: 500 };

async function ensureData(): Promise<number> {
  const es = createEsClient(ES_URL, { requestTimeoutMs: 120_000 });
  try {
    return await ensureBenchData(es);
  } finally {
    await es.close();
  }
}

/**
 * Installed before any page script: records when each widget last came to show its data, and which
 * widgets went busy since the last reset, so a measurement waits for every widget to answer the new
 * state. A widget shows its data when its own state is ready (or empty) and no chart inside it is still
 * busy: the map's data can arrive before its lazily loaded world geometry, and until that is drawn the
 * reader sees a loading map.
 */
function tracker(): void {
  const w = window as unknown as {
    __sl: { since: number; ready: Record<string, number>; busy: Set<string>; reset: () => void };
  };
  const shown = new Map<string, boolean>();
  w.__sl = {
    since: 0,
    ready: {},
    busy: new Set(),
    reset() {
      this.since = performance.now();
      this.ready = {};
      this.busy = new Set();
    },
  };
  new MutationObserver(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-widget]')) {
      const name = el.dataset.widget!;
      const state = el.dataset.state;
      const now = (state === 'ready' || state === 'empty') && el.querySelector('[aria-busy="true"]') === null;
      if (now && !shown.get(name)) w.__sl.ready[name] = performance.now();
      if (!now) w.__sl.busy.add(name);
      shown.set(name, now);
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'aria-busy'],
  });
}

interface Timing {
  totalMs: number;
  slowest: string;
  widgets: Record<string, number>;
}

async function waitAll(page: Page, needBusy: boolean): Promise<Timing> {
  await page.waitForFunction(
    ({ names, busy }) => {
      const sl = (window as unknown as { __sl: { busy: Set<string> } }).__sl;
      return names.every((n) => {
        const el = document.querySelector(`[data-widget="${n}"]`);
        const state = el?.getAttribute('data-state');
        return (
          (state === 'ready' || state === 'empty') &&
          el?.querySelector('[aria-busy="true"]') === null &&
          (!busy || sl.busy.has(n))
        );
      });
    },
    { names: WIDGETS, busy: needBusy },
    { polling: 'raf', timeout: 60_000 },
  );
  const { since, ready } = await page.evaluate(() => {
    const sl = (window as unknown as { __sl: { since: number; ready: Record<string, number> } }).__sl;
    return { since: sl.since, ready: sl.ready };
  });
  const widgets = Object.fromEntries(WIDGETS.map((n) => [n, Math.round((ready[n] ?? since) - since)]));
  const slowest = WIDGETS.reduce((a, b) => (widgets[a]! >= widgets[b]! ? a : b));
  return { totalMs: widgets[slowest]!, slowest, widgets };
}

interface Run {
  overview: Timing;
  crossFilter: Timing;
}

async function measure(browser: Browser, url: string, token: string, slice: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript((t) => sessionStorage.setItem('sightline.token', t), token);
  await context.addInitScript(tracker);
  const page = await context.newPage();
  await page.goto(url);
  // A fresh page mounts every widget as loading, so the first ready of each is the answer.
  const overview = await waitAll(page, false);
  // Keyboard selection of the slice: the same path as a click, without depending on where it is drawn.
  await page.evaluate((key) => {
    (window as unknown as { __sl: { reset: () => void } }).__sl.reset();
    const el = document.querySelector<SVGElement>(`[data-widget="summary"] [data-key="${key}"]`);
    if (!el) throw new Error(`no slice ${key}`);
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }, slice);
  const crossFilter = await waitAll(page, true);
  await context.close();
  return { overview, crossFilter };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const median = (xs: number[]) => pct(xs, 50);

async function main() {
  const records = await ensureData();
  const loadBefore = loadavg()[0]!;
  const server = await startDashboardServer(TENANT, buildDashboard());
  const browser = await launchChromium();
  const variants = {
    'last 7 days': () => `${server.url}/?last=7d&tz=UTC`,
    'fixed range, uncached': (i: number) => {
      const to = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60_000 - i * 1000);
      const from = new Date(to.getTime() - 7 * 86_400_000);
      return `${server.url}/?from=${from.toISOString()}&to=${to.toISOString()}&tz=UTC`;
    },
  };
  const results = [];
  try {
    // One untimed run warms the JIT of the API process and Elasticsearch's file cache.
    await measure(browser, variants['last 7 days'](), server.token, 'denied');
    for (const [name, url] of Object.entries(variants)) {
      const runs: Run[] = [];
      for (let i = 0; i < ITERATIONS; i++)
        runs.push(await measure(browser, url(i), server.token, SLICES[i % SLICES.length]!));
      const overview = runs.map((r) => r.overview.totalMs);
      const cross = runs.map((r) => r.crossFilter.totalMs);
      const slowestOf = (pick: (r: Run) => Timing) =>
        Object.fromEntries(WIDGETS.map((w) => [w, median(runs.map((r) => pick(r).widgets[w]!))]));
      results.push({
        variant: name,
        overview: {
          p50: median(overview),
          p95: pct(overview, 95),
          max: Math.max(...overview),
          perWidgetP50: slowestOf((r) => r.overview),
        },
        crossFilter: {
          p50: median(cross),
          p95: pct(cross, 95),
          max: Math.max(...cross),
          perWidgetP50: slowestOf((r) => r.crossFilter),
        },
      });
      console.error(
        `bench: ${name}: overview p50 ${median(overview)} ms, cross-filter p50 ${median(cross)} ms`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const result = {
    date: new Date().toISOString(),
    records,
    customer: CUSTOMER ?? TENANT,
    summaries: SUMMARIES,
    iterations: ITERATIONS,
    targets: TARGETS,
    machine: `${cpus().length} cores shared with other work, single-node Elasticsearch 8.19, headless Debian Chromium`,
    /** One-minute load average before and after: above the core count, timings include waiting for a CPU. */
    loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0]! * 10) / 10 },
    results,
  };
  const here = new URL('./results/', import.meta.url);
  const name = OUT ? `dashboard-${OUT}` : 'dashboard';
  writeFileSync(new URL(`${name}.json`, here), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(new URL(`${name}.md`, here), markdown(result));
  console.log(markdown(result));
}

function markdown(r: {
  date: string;
  machine: string;
  loadAverage: { before: number; after: number };
  records: number;
  customer: string;
  summaries: boolean;
  iterations: number;
  results: { variant: string; overview: Stats; crossFilter: Stats }[];
}): string {
  const verdict = (ms: number, target: number) => (ms < target ? `${ms} ✓` : `${ms} ✗`);
  const lines = [
    '# Dashboard speed (`npm run bench -- dashboard`)',
    '',
    `${r.date}; ${r.records.toLocaleString('en-US')} records for \`${r.customer}\` (reports over the last 7 days of its data; ${r.summaries ? 'the API answering from hourly summaries where it can' : 'every report reading the records'}); headless Chromium, the API serving the built dashboard on loopback, ${r.machine}; ${r.iterations} runs per variant after one untimed warm-up.`,
    '',
    `One-minute load average ${r.loadAverage.before} before and ${r.loadAverage.after} after the runs: other work shared the machine, so above the core count the times include waiting for a CPU (Chromium, the API and Elasticsearch all run here).`,
    '',
    '- **Overview complete**: from navigation start to all 7 overview widgets showing data (`data-state="ready"` and no chart inside still busy: the map counts once its lazily loaded geometry is drawn), a fresh browser context each run.',
    '- **Cross-filter**: from the click on a donut slice to all 7 widgets showing data for the new filter.',
    '- **last 7 days**: the URL a user opens; repeats within a minute hit Elasticsearch\'s request cache (the API rounds "now" to the minute).',
    '- **fixed range, uncached**: the range moves by one second per run, so every search is computed afresh.',
    '',
    `Targets: overview < ${TARGETS.overviewMs} ms, cross-filter < ${TARGETS.crossFilterMs} ms (✓ / ✗ on the p50).`,
    '',
    '| variant | overview p50 | overview p95 | cross-filter p50 | cross-filter p95 |',
    '|---|---:|---:|---:|---:|',
    ...r.results.map(
      (x) =>
        `| ${x.variant} | ${verdict(x.overview.p50, TARGETS.overviewMs)} | ${x.overview.p95} | ${verdict(x.crossFilter.p50, TARGETS.crossFilterMs)} | ${x.crossFilter.p95} |`,
    ),
    '',
    'Per widget, p50 of the time it became ready (ms):',
    '',
    `| variant | measure | ${WIDGETS.join(' | ')} |`,
    `|---|---|${WIDGETS.map(() => '---:').join('|')}|`,
    ...r.results.flatMap((x) => [
      `| ${x.variant} | overview | ${WIDGETS.map((w) => x.overview.perWidgetP50[w]).join(' | ')} |`,
      `| ${x.variant} | cross-filter | ${WIDGETS.map((w) => x.crossFilter.perWidgetP50[w]).join(' | ')} |`,
    ]),
    '',
  ];
  return lines.join('\n');
}

interface Stats {
  p50: number;
  p95: number;
  max: number;
  perWidgetP50: Record<string, number>;
}

await main();
