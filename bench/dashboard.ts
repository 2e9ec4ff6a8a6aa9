/**
 * Dashboard speed in a real browser, `npm run bench -- dashboard [--iterations N]`.
 *
 * Headless Chromium against the real API serving the built dashboard, over a bench customer with
 * ≥ 1,000,000 records in the last 7 days (the reports benchmark's customer; ingested once, idempotently).
 * Measured in the page (performance.now(), navigation start = 0) from the widgets' data-state attributes:
 * - overview complete: navigation to every overview widget showing data (fresh browser context each time:
 *   no React Query cache, assets fetched again from loopback);
 * - cross-filter: Space on a donut slice (which filters the page; a click opens its log rows) to every
 *   widget showing data for the new filter.
 * Two variants: `last=7d` as a user opens it (the API rounds "now" to the minute, so Elasticsearch's
 * request cache answers repeats within a minute), and a fixed range moved by a second per run, so every
 * search of the records misses that cache, as with fresh data (the summaries' shards, which change
 * only when the summariser writes, answer searches over the same hours from it, as in production). Targets: overview < 1.5 s, cross-filter < 500 ms.
 * Frames (target: within 16 ms): the animation frames while the overview answers a cross-filter, and
 * scrolling the authentication log page (`--scroll-frames N` steps, `--scroll-runs N` runs); and
 * `--traced-cross-filters N` (default 3) cross-filters and `--traced-scrolls N` (default 2) scrolls
 * of the log traced for the CPU time of the page's own
 * main-thread tasks, which a shared machine's frame intervals do not separate from waiting for a core.
 * `--baseline <git revision>` builds the dashboard as it was there too and alternates the two builds
 * run by run, so a change is measured against its past under the same load. `--popup-baseline`
 * alternates the current build in two browsers instead (see POPUP_BASELINE). `--profile N` records N
 * navigations per build with Chromium's trace and CPU profile: where the overview's time goes.
 * `--revision <git revision>` measures that revision as the current build instead of the working tree.
 * `--customer C --end T --out NAME [--summaries on] [--live]` measures the scale benchmark's data instead,
 * with data arriving meanwhile (`--live`).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { OVERVIEW_WIDGETS } from '../apps/dashboard/src/overview/overviewReports';
import { customersFor } from '../packages/query-api/src/generate';
import { createEsClient } from '../packages/query-api/src/server';
import { runSummariser } from '../packages/query-api/src/summaries';
import { launchChromium } from '../test/e2e/support/browser';
import { buildDashboard, startDashboardServer } from '../test/e2e/support/server';
import { buildDashboardAt } from './dashboard/baseline';
import {
  frameRecorder,
  frameStats,
  readFrames,
  resetFrames,
  scrollLog,
  type FrameStats,
} from './dashboard/frames';
import { profileNavigation, type Breakdown } from './dashboard/profile';
import { CROSS_FILTER_MARK, SCROLL_MARK, startTaskTrace, type TaskTimes } from './dashboard/taskTimes';
import { BENCH_TENANT, ensureBenchData } from './data';
import { startLiveIngest } from './live';

/** Scrolling the log, per build; `split` (absent from older results) says which frames missed. */
interface ScrollResult {
  build: string;
  rows: number;
  stats: FrameStats;
  split?: { stepsOver16Ms: number; steps: number; jumpsOver16Ms: number; jumps: number };
  /** Frames from a jump until its viewport's rows were all there: median and max (absent from older results). */
  jumpFill?: { medianFrames: number; maxFrames: number; unfilled: number };
}

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
/** Shared with bench/reports.ts: same generator options, so whichever runs first ingests for both. */
const TENANT = BENCH_TENANT;
const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ITERATIONS = Number(option('--iterations') ?? 10);
const BASELINE = option('--baseline');
/** The revision measured as "current" (default: the working tree as it is). */
const REVISION = option('--revision');
const PROFILES = Number(option('--profile') ?? 0);
const SCROLL_FRAMES = Number(option('--scroll-frames') ?? 180);
const SCROLL_RUNS = Number(option('--scroll-runs') ?? 3);
/** Cross-filters traced per build, for the CPU time of the page's main-thread tasks (taskTimes.ts). */
const TRACED_CROSS_FILTERS = Number(option('--traced-cross-filters') ?? 3);
/** Scrolls of the log traced per build, likewise: a frame missed for want of a core, or for the page's work. */
const TRACED_SCROLLS = Number(option('--traced-scrolls') ?? 2);
/**
 * `--sampling-interval-us N`: the traced runs' CPU profile samples the page every N µs (default 250),
 * naming the functions the script time goes to; 0 leaves the profile out, and its cost out of the
 * tasks and frames timed.
 */
const SAMPLING_US = Number(option('--sampling-interval-us') ?? 250);
if (!Number.isInteger(SAMPLING_US) || SAMPLING_US < 0)
  throw new Error(
    `--sampling-interval-us ${option('--sampling-interval-us')}: a whole number of microseconds, 0 or more`,
  );
/**
 * Another customer's data (the scale benchmark's), whose last 7 days end at `--end`: only the fixed,
 * uncached range is measured, and the results go to bench/results/dashboard-<--out>.
 */
const CUSTOMER = option('--customer');
const END = option('--end');
/**
 * `--summaries on`: the API answers from the hourly summaries where it can, as `npm start` runs it
 * (the customer must have been summarised); off by default, every report reading the records.
 */
const SUMMARIES = option('--summaries') === 'on';
/**
 * `--popup-baseline`: the current build also in a Chromium with the address bar's popup left on,
 * which it loads into every new context (launchChromium turns that off, nothing else), the two
 * browsers alternating run by run: what that popup's renderer costs the page measured beside it.
 */
const POPUP_BASELINE = process.argv.includes('--popup-baseline');
const POPUP_BUILD = "current, Chromium's address-bar popup in every context";
/**
 * `--latency MS`: Chromium adds MS to every request's round trip (DevTools' network emulation), as a
 * user away from the API has it; loopback hides the cost of requests sent one after another.
 */
const LATENCY_MS = Number(option('--latency') ?? 0);
if (!Number.isInteger(LATENCY_MS) || LATENCY_MS < 0)
  throw new Error(`--latency ${option('--latency')}: a whole number of milliseconds, 0 or more`);
/** Where the results go, bench/results/dashboard-<name> (default: bench/results/dashboard). */
const OUT = option('--out');
/**
 * `--live`: with `--customer` (a customer of the generator's `single` preset, as the scale benchmark's
 * are), about LIVE_PER_SECOND new attempts a second are loaded into it while the browser measures,
 * and with `--summaries on` the summariser keeps its summaries, as in production.
 */
const LIVE = process.argv.includes('--live');
const LIVE_PER_SECOND = 200;
if (LIVE && !CUSTOMER?.endsWith(customersFor('single')[0]!.id))
  throw new Error(
    `--live needs --customer naming a customer of the 'single' preset (…${customersFor('single')[0]!.id})`,
  );
if (CUSTOMER && (!END || !OUT || Number.isNaN(Date.parse(END))))
  throw new Error('--customer needs --end (an ISO instant: the end of its data) and --out (a results name)');
const WIDGETS = OVERVIEW_WIDGETS;
const SLICES = ['denied', 'failure', 'error', 'fraud', 'success'];
const TARGETS = { overviewMs: 1500, crossFilterMs: 500 };

/** The bench customer's records, ingested once; or the records another customer (`--customer`) holds. */
async function ensureData(): Promise<number> {
  const es = createEsClient(ES_URL, { requestTimeoutMs: 120_000 });
  try {
    if (!CUSTOMER) return await ensureBenchData(es);
    const { count } = await es.count({
      index: 'sightline-authlog',
      query: { term: { customer_id: CUSTOMER } },
    });
    if (count === 0)
      throw new Error(`--customer ${CUSTOMER} has no records (npm run bench -- scale ingests them)`);
    return count;
  } finally {
    await es.close();
  }
}

/**
 * Installed before any page script: records when each widget last came to show its data, and which
 * widgets went busy since the last reset, so a measurement waits for every widget to answer the new
 * state. A widget shows its data when its own state is ready (or empty) and no chart inside it is still
 * busy: the map's data can arrive before its lazily loaded world geometry, and until that is drawn the
 * reader sees a loading map. A widget can also answer a cross-filter without going busy: the page
 * starts its requests while rendering the new state (a transition), and a fast answer can be in the
 * cache by the time that render commits. Such a widget counts from the moment its text (tooltips
 * aside) differs from what it showed at the reset.
 */
function tracker(): void {
  const w = window as unknown as {
    __sl: {
      since: number;
      ready: Record<string, number>;
      busy: Set<string>;
      changed: Set<string>;
      before: Record<string, string>;
      reset: () => void;
    };
  };
  const shown = new Map<string, boolean>();
  const widgets = () => document.querySelectorAll<HTMLElement>('[data-widget]');
  const text = (el: HTMLElement) => {
    let all = el.textContent ?? '';
    for (const tip of el.querySelectorAll('[role="tooltip"]')) all = all.replace(tip.textContent ?? '', '');
    return all;
  };
  w.__sl = {
    since: 0,
    ready: {},
    busy: new Set(),
    changed: new Set(),
    before: {},
    reset() {
      this.since = performance.now();
      this.ready = {};
      this.busy = new Set();
      this.changed = new Set();
      this.before = Object.fromEntries([...widgets()].map((el) => [el.dataset.widget!, text(el)]));
    },
  };
  new MutationObserver(() => {
    const sl = w.__sl;
    for (const el of widgets()) {
      const name = el.dataset.widget!;
      const state = el.dataset.state;
      const now = (state === 'ready' || state === 'empty') && el.querySelector('[aria-busy="true"]') === null;
      if (now && !shown.get(name)) sl.ready[name] = performance.now();
      if (!now) sl.busy.add(name);
      shown.set(name, now);
      if (
        now &&
        !sl.busy.has(name) &&
        !sl.changed.has(name) &&
        name in sl.before &&
        text(el) !== sl.before[name]
      ) {
        sl.changed.add(name);
        sl.ready[name] ??= performance.now();
      }
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-state', 'aria-busy'],
  });
}

interface Timing {
  totalMs: number;
  slowest: string;
  widgets: Record<string, number>;
  /** Widgets whose report failed (an overloaded Elasticsearch timing out): the run is not timed. */
  failed: string[];
}

async function waitAll(page: Page, needBusy: boolean): Promise<Timing> {
  await page
    .waitForFunction(
      ({ names, busy }) => {
        const sl = (window as unknown as { __sl: { busy: Set<string>; changed: Set<string> } }).__sl;
        return names.every((n) => {
          const el = document.querySelector(`[data-widget="${n}"]`);
          const state = el?.getAttribute('data-state');
          // A failure is an answer too: the run is then counted as failed rather than waited on.
          if (state === 'error') return true;
          return (
            (state === 'ready' || state === 'empty') &&
            el?.querySelector('[aria-busy="true"]') === null &&
            (!busy || sl.busy.has(n) || sl.changed.has(n))
          );
        });
      },
      { names: WIDGETS, busy: needBusy },
      { polling: 'raf', timeout: 120_000 },
    )
    .catch(async (error: Error) => {
      // Say which widget never came: a failed report (an overloaded Elasticsearch) reads differently from a slow one.
      const states = await page
        .evaluate(() => {
          const sl = (window as unknown as { __sl: { busy: Set<string>; changed: Set<string> } }).__sl;
          return [...document.querySelectorAll('[data-widget]')]
            .map((el) => {
              const name = el.getAttribute('data-widget')!;
              const seen = sl.busy.has(name) || sl.changed.has(name);
              return `${name}=${el.getAttribute('data-state')}${seen ? '' : ' (unchanged since the key)'}`;
            })
            .join(', ');
        })
        .catch(() => 'unknown');
      throw new Error(`the overview's widgets did not all show data (${states}): ${error.message}`);
    });
  const { since, ready, failed } = await page.evaluate((names) => {
    const sl = (window as unknown as { __sl: { since: number; ready: Record<string, number> } }).__sl;
    const failed = names.filter(
      (n) => document.querySelector(`[data-widget="${n}"]`)?.getAttribute('data-state') === 'error',
    );
    return { since: sl.since, ready: sl.ready, failed };
  }, WIDGETS);
  const widgets = Object.fromEntries(WIDGETS.map((n) => [n, Math.round((ready[n] ?? since) - since)]));
  const slowest = WIDGETS.reduce((a, b) => (widgets[a]! >= widgets[b]! ? a : b));
  return { totalMs: widgets[slowest]!, slowest, widgets, failed };
}

interface Run {
  overview: Timing;
  crossFilter: Timing;
  /** Animation-frame intervals and the longest task from the click to every widget answering. */
  crossFilterFrames: { intervals: number[]; longest: number };
  /** Traced runs only: the page's main-thread tasks over the cross-filter. */
  crossFilterTasks?: TaskTimes;
}

async function openPage(browser: Browser, token: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  if (LATENCY_MS > 0) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
  await context.addInitScript((t) => sessionStorage.setItem('sightline.token', t), token);
  // tsx names the functions it compiles with a helper (__name) that pages do not have.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(tracker);
  await context.addInitScript(frameRecorder);
  return { context, page };
}

async function measure(
  browser: Browser,
  url: string,
  token: string,
  slice: string,
  /** Traced runs: the build whose source maps name the profile's functions. */
  tracedDist?: string,
): Promise<Run> {
  const { context, page } = await openPage(browser, token);
  await page.goto(url);
  // A fresh page mounts every widget as loading, so the first ready of each is the answer.
  const overview = await waitAll(page, false);
  if (overview.failed.length > 0) {
    await context.close();
    return { overview, crossFilter: overview, crossFilterFrames: { intervals: [], longest: 0 } };
  }
  await resetFrames(page);
  const trace = tracedDist ? await startTaskTrace(browser, page, tracedDist, SAMPLING_US) : undefined;
  // Space on the slice filters the page (a click or Enter opens its rows in the log instead); sent
  // in the page, so the time starts with the key, without depending on where the slice is drawn.
  await page.evaluate(
    ({ key, mark }) => {
      const el = document.querySelector<SVGElement>(`[data-widget="summary"] [data-key="${key}"]`);
      if (!el) throw new Error(`no slice ${key}`);
      el.focus();
      (window as unknown as { __sl: { reset: () => void } }).__sl.reset();
      performance.mark(mark);
      el.dispatchEvent(
        new KeyboardEvent('keydown', { key: ' ', code: 'Space', bubbles: true, cancelable: true }),
      );
    },
    { key: slice, mark: CROSS_FILTER_MARK },
  );
  const crossFilter = await waitAll(page, true);
  const crossFilterFrames = await readFrames(page);
  const crossFilterTasks = await trace?.stop(CROSS_FILTER_MARK, crossFilter.totalMs);
  await context.close();
  return { overview, crossFilter, crossFilterFrames, ...(crossFilterTasks ? { crossFilterTasks } : {}) };
}

/**
 * Opens the log page over the overview's range and scrolls it once its rows are there; traced runs
 * (`tracedDist`: the build whose source maps name the profile's functions) also time its tasks.
 */
async function measureScroll(browser: Browser, overviewUrl: string, token: string, tracedDist?: string) {
  const { context, page } = await openPage(browser, token);
  const url = new URL(overviewUrl);
  url.pathname = '/log';
  await page.goto(url.toString());
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor({ timeout: 60_000 });
  const trace = tracedDist ? await startTaskTrace(browser, page, tracedDist, SAMPLING_US) : undefined;
  const result = await scrollLog(page, SCROLL_FRAMES);
  const tasks = await trace?.stop(SCROLL_MARK, result.elapsedMs);
  await context.close();
  return { ...result, ...(tasks ? { tasks: { ...tasks, jumps: result.jumps } } : {}) };
}

/** The overview profiled: settled when every widget shows data, as `measure` waits. */
function profileOverview(browser: Browser, url: string, token: string, dist: string): Promise<Breakdown> {
  return openPage(browser, token).then(async ({ context, page }) => {
    try {
      return await profileNavigation(browser, page, url, dist, async (p) => {
        await waitAll(p, false);
        return p.evaluate(() => performance.now());
      });
    } finally {
      await context.close();
    }
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const median = (xs: number[]) => pct(xs, 50);

interface Build {
  name: string;
  dist: string;
  url: string;
  token: string;
  browser: Browser;
}

async function main() {
  const records = await ensureData();
  const loadBefore = loadavg()[0]!;
  const dists: [string, string][] = [
    [
      REVISION ? `current (${REVISION})` : 'current',
      REVISION ? buildDashboardAt(REVISION) : buildDashboard(),
    ],
  ];
  if (BASELINE) dists.push([`baseline (${BASELINE})`, buildDashboardAt(BASELINE)]);
  const servers = await Promise.all(
    dists.map(([, dist]) => startDashboardServer(CUSTOMER ?? TENANT, dist, { summaries: SUMMARIES })),
  );
  // Loads the summariser has not taken in yet send reports to the records (the API never counts
  // summaries that miss stored records): measuring then would time the records, not the summaries.
  if (SUMMARIES) await catchUpSummaries();
  const live = LIVE ? startLive(CUSTOMER!) : undefined;
  const browser = await launchChromium();
  const builds: Build[] = dists.map(([name, dist], i) => ({
    name,
    dist,
    url: servers[i]!.url,
    token: servers[i]!.token,
    browser,
  }));
  // The same build and API in a Chromium that loads its address bar's popup into every context.
  const popupBrowser = POPUP_BASELINE ? await launchChromium({ addressBarPopup: true }) : undefined;
  if (popupBrowser) builds.push({ ...builds[0]!, name: POPUP_BUILD, browser: popupBrowser });
  /** Seven days ending a second before the last run's end: every search of the records misses the request cache. */
  const fixedRange = (end: number) => (base: string, i: number) => {
    const to = new Date(end - i * 1000);
    const from = new Date(to.getTime() - 7 * 86_400_000);
    return `${base}/?from=${from.toISOString()}&to=${to.toISOString()}&tz=UTC`;
  };
  // Another customer's data ends at --end, not now: only its fixed range is measured.
  const variants: Record<string, (base: string, i: number) => string> = CUSTOMER
    ? { 'fixed range, uncached': fixedRange(Date.parse(END!)) }
    : {
        'last 7 days': (base: string) => `${base}/?last=7d&tz=UTC`,
        'fixed range, uncached': fixedRange(Math.floor(Date.now() / 60_000) * 60_000 + 60_000),
      };
  const [firstVariant] = Object.values(variants) as [(base: string, i: number) => string];
  /** Builds in turn, the first one alternating, so neither always runs right after the other. */
  const inTurn = (i: number) => (i % 2 === 0 ? builds : [...builds].reverse());
  const results = [];
  const scrolling: ScrollResult[] = [];
  const crossFilterTasks: TaskSummary[] = [];
  const scrollTasks: TaskSummary[] = [];
  const profiles: { build: string; breakdown: Summary }[] = [];
  try {
    // One untimed run per build warms the JIT of the API process and Elasticsearch's file cache.
    for (const b of builds)
      await measure(
        b.browser,
        firstVariant(b.url, ITERATIONS * builds.length + builds.indexOf(b)),
        b.token,
        'denied',
      );
    for (const [name, url] of Object.entries(variants)) {
      const runs = new Map<string, Run[]>(builds.map((b) => [b.name, []]));
      for (let i = 0; i < ITERATIONS; i++)
        for (const b of inTurn(i))
          runs
            .get(b.name)!
            // Each build its own second, so neither is answered from the cache the other filled.
            .push(
              await measure(
                b.browser,
                url(b.url, i * builds.length + builds.indexOf(b)),
                b.token,
                SLICES[i % SLICES.length]!,
              ),
            );
      for (const b of builds) {
        const done = runs.get(b.name)!;
        results.push({ variant: name, build: b.name, ...summarise(done) });
        const last = results[results.length - 1]!;
        console.error(
          `bench: ${name} (${b.name}): overview p50 ${last.overview.p50} ms, cross-filter p50 ${last.crossFilter.p50} ms, longest task ${last.crossFilterFrames.longestTaskMs} ms`,
        );
      }
    }
    const scrollRuns = new Map<string, Awaited<ReturnType<typeof measureScroll>>[]>(
      builds.map((b) => [b.name, []]),
    );
    for (let i = 0; i < SCROLL_RUNS; i++)
      for (const b of inTurn(i))
        scrollRuns.get(b.name)!.push(await measureScroll(b.browser, firstVariant(b.url, 0), b.token));
    for (const b of builds) {
      const done = scrollRuns.get(b.name)!;
      const stats = frameStats(
        done.flatMap((r) => r.work),
        done.flatMap((r) => r.intervals),
        Math.max(...done.map((r) => r.longest)),
      );
      // Which frames miss: the steps of three rows, or the jumps to a far offset (rows not yet rendered).
      const over = (jump: boolean) =>
        done.flatMap((r) => r.work.filter((w, i) => r.jumps[i] === jump && w > 16)).length;
      const count = (jump: boolean) => done.flatMap((r) => r.jumps.filter((j) => j === jump)).length;
      const split = {
        stepsOver16Ms: over(false),
        steps: count(false),
        jumpsOver16Ms: over(true),
        jumps: count(true),
      };
      const fills = done.flatMap((r) => r.fills).sort((x, y) => x - y);
      const jumpFill = {
        medianFrames: fills[Math.floor((fills.length - 1) / 2)] ?? 0,
        maxFrames: fills[fills.length - 1] ?? 0,
        // The last jump of a run can end it before its rows are all there.
        unfilled: split.jumps - fills.length,
      };
      scrolling.push({ build: b.name, rows: done[0]?.rows ?? 0, stats, split, jumpFill });
      console.error(
        `bench: scroll (${b.name}): work median ${stats.workMedianMs} ms, max ${stats.workMaxMs} ms`,
      );
    }
    /** `count` traced runs per build, builds in turn, summarised per build. */
    const tracedRuns = async (
      count: number,
      run: (b: Build, i: number) => Promise<TaskTimes | undefined>,
    ): Promise<TaskSummary[]> => {
      const traced = new Map<string, TaskTimes[]>(builds.map((b) => [b.name, []]));
      for (let i = 0; i < count; i++)
        for (const b of inTurn(i)) {
          const tasks = await run(b, i);
          if (tasks) traced.get(b.name)!.push(tasks);
        }
      return builds.flatMap((b) => {
        const runs = traced.get(b.name)!;
        return runs.length > 0 ? [{ build: b.name, runs: runs.length, ...summariseTasks(runs) }] : [];
      });
    };
    scrollTasks.push(
      ...(await tracedRuns(
        TRACED_SCROLLS,
        async (b) => (await measureScroll(b.browser, firstVariant(b.url, 0), b.token, b.dist)).tasks,
      )),
    );
    crossFilterTasks.push(
      ...(await tracedRuns(
        TRACED_CROSS_FILTERS,
        async (b, i) =>
          (await measure(b.browser, firstVariant(b.url, i), b.token, SLICES[i % SLICES.length]!, b.dist))
            .crossFilterTasks,
      )),
    );
    const breakdowns = new Map<string, Breakdown[]>(builds.map((b) => [b.name, []]));
    for (let i = 0; i < PROFILES; i++)
      for (const b of inTurn(i))
        breakdowns
          .get(b.name)!
          .push(await profileOverview(b.browser, firstVariant(b.url, 0), b.token, b.dist));
    for (const b of builds)
      if (PROFILES > 0)
        profiles.push({ build: b.name, breakdown: summariseProfiles(breakdowns.get(b.name)!) });
  } finally {
    await browser.close();
    await popupBrowser?.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  const liveRecords = live ? await live.stop() : null;

  const result = {
    date: new Date().toISOString(),
    records,
    customer: CUSTOMER ?? TENANT,
    summaries: SUMMARIES,
    liveRecords,
    iterations: ITERATIONS,
    targets: TARGETS,
    machine: `${cpus().length} cores shared with other work, single-node Elasticsearch 8.19, headless Debian Chromium`,
    /** One-minute load average before and after: above the core count, timings include waiting for a CPU. */
    loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0]! * 10) / 10 },
    baseline: BASELINE ?? null,
    popupBaseline: POPUP_BASELINE,
    latencyMs: LATENCY_MS,
    results,
    scrolling: { framesPerRun: SCROLL_FRAMES, runs: SCROLL_RUNS, builds: scrolling },
    crossFilterTasks,
    scrollTasks,
    samplingUs: SAMPLING_US,
    profiles,
  };
  const here = new URL('./results/', import.meta.url);
  const name = OUT ? `dashboard-${OUT}` : 'dashboard';
  writeFileSync(new URL(`${name}.json`, here), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(new URL(`${name}.md`, here), markdown(result));
  console.log(markdown(result));
}

function summarise(all: Run[]) {
  const runs = all.filter((r) => r.overview.failed.length === 0 && r.crossFilter.failed.length === 0);
  if (runs.length === 0)
    throw new Error(`every run had a widget fail (${all[0]?.overview.failed.join(', ')})`);
  const overview = runs.map((r) => r.overview.totalMs);
  const cross = runs.map((r) => r.crossFilter.totalMs);
  const perWidget = (pick: (r: Run) => Timing) =>
    Object.fromEntries(WIDGETS.map((w) => [w, median(runs.map((r) => pick(r).widgets[w]!))]));
  return {
    failedRuns: all.length - runs.length,
    overview: {
      p50: median(overview),
      p95: pct(overview, 95),
      max: Math.max(...overview),
      perWidgetP50: perWidget((r) => r.overview),
    },
    crossFilter: {
      p50: median(cross),
      p95: pct(cross, 95),
      max: Math.max(...cross),
      perWidgetP50: perWidget((r) => r.crossFilter),
    },
    crossFilterFrames: frameStats(
      [],
      runs.flatMap((r) => r.crossFilterFrames.intervals),
      median(runs.map((r) => r.crossFilterFrames.longest)),
    ),
  };
}

/** Medians over traced cross-filters, and the worst task of any. */
function summariseTasks(runs: TaskTimes[]) {
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const med = (pick: (t: TaskTimes) => number) => r1(median(runs.map(pick)));
  const worst = runs.reduce((a, t) => (t.longestCpuMs > a.longestCpuMs ? t : a));
  const frames = runs.flatMap((t) => (t.frames ? [t.frames] : []));
  // Which frames missed: steps of three rows, or jumps to a far offset (a screenful of new rows).
  const over = (jump: boolean) =>
    runs.flatMap((t) => (t.frames?.cpuMs ?? []).filter((c, i) => (t.jumps?.[i] ?? false) === jump && c > 16))
      .length;
  const count = (jump: boolean) =>
    runs.flatMap((t) => (t.frames?.cpuMs ?? []).filter((_, i) => (t.jumps?.[i] ?? false) === jump)).length;
  return {
    // Scrolls: every run's frames together; the CPU median is the median of the runs' medians.
    ...(frames.length > 0
      ? {
          frames: {
            count: frames.reduce((s, f) => s + f.count, 0),
            cpuMedianMs: r1(median(frames.map((f) => f.cpuMedianMs))),
            cpuMaxMs: r1(Math.max(...frames.map((f) => f.cpuMaxMs))),
            overFrameCpu: frames.reduce((s, f) => s + f.overFrameCpu, 0),
            split: {
              stepsOver16Ms: over(false),
              steps: count(false),
              jumpsOver16Ms: over(true),
              jumps: count(true),
            },
          },
        }
      : {}),
    tasks: med((t) => t.tasks),
    cpuMs: med((t) => t.cpuMs),
    wallMs: med((t) => t.wallMs),
    longestCpuMs: med((t) => t.longestCpuMs),
    longestCpuWallMs: med((t) => t.longestCpuWallMs),
    worstCpuMs: r1(worst.longestCpuMs),
    worstCpuWallMs: r1(worst.longestCpuWallMs),
    overFrameCpu: med((t) => t.overFrameCpu),
    overFrameWall: med((t) => t.overFrameWall),
    cpuByKind: meanPerRun(runs.map((t) => t.cpuByKind)),
    overFrameCpuByKind: meanPerRun(runs.map((t) => t.overFrameCpuByKind)),
    selfByFunction: meanPerRun(runs.map((t) => t.selfByFunction)),
    overFrameSelfByFunction: meanPerRun(runs.map((t) => t.overFrameSelfByFunction)),
    overFrameInclusiveByOwnFunction: meanPerRun(runs.map((t) => t.overFrameInclusiveByOwnFunction)),
    inclusiveByOwnFunction: meanPerRun(runs.map((t) => t.inclusiveByOwnFunction)),
  };
}

/** The functions with the most time, as a mean per run (ms, one decimal). */
function meanPerRun(runs: Record<string, number>[], top = 15): Record<string, number> {
  const total: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const r of runs) for (const [k, v] of Object.entries(r)) total[k] = (total[k] ?? 0) + v;
  return Object.fromEntries(
    Object.entries(total)
      .map(([k, v]) => [k, Math.round((v / runs.length) * 10) / 10] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top),
  );
}

/** Medians over profiled runs: milestones, main-thread time by kind, script time by origin. */
interface Summary {
  runs: number;
  milestones: Record<string, number>;
  mainThread: Record<string, number>;
  scriptByOrigin: Record<string, number>;
  longestTaskMs: number;
}

function summariseProfiles(runs: Breakdown[]): Summary {
  const med = (pick: (b: Breakdown) => Record<string, number>) => {
    const keys = [...new Set(runs.flatMap((b) => Object.keys(pick(b))))];
    return Object.fromEntries(
      keys
        .map((k) => [k, median(runs.map((b) => pick(b)[k] ?? 0))] as const)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1]),
    );
  };
  const milestones = (b: Breakdown) => {
    const reports = b.network.filter((n) => n.name.startsWith('/api/reports/'));
    const scripts = b.network.filter((n) => /\/assets\/.*\.js$/.test(n.name));
    return {
      'page (HTML) received': b.network[0]?.endMs ?? 0,
      'scripts received': Math.max(...scripts.map((n) => n.endMs)),
      'first report requested': Math.min(...reports.map((n) => n.startMs)),
      'last report answered': Math.max(...reports.map((n) => n.endMs)),
      'every widget showing data': Math.round(b.completeMs),
    };
  };
  const first = milestones(runs[0]!);
  return {
    runs: runs.length,
    milestones: Object.fromEntries(
      Object.keys(first).map((k) => [k, median(runs.map((b) => milestones(b)[k as keyof typeof first]))]),
    ),
    mainThread: med((b) => b.mainThread),
    scriptByOrigin: med((b) => b.scriptByOrigin),
    longestTaskMs: median(runs.map((b) => b.longestTasks[0]?.durationMs ?? 0)),
  };
}

interface Result {
  date: string;
  machine: string;
  loadAverage: { before: number; after: number };
  records: number;
  customer: string;
  summaries: boolean;
  /** With --live: the records loaded into the customer while measuring (absent from older results). */
  liveRecords?: number | null;
  iterations: number;
  baseline: string | null;
  /** The current build also measured in a Chromium that loads its address bar's popup per context. */
  popupBaseline?: boolean;
  /** Added by Chromium to every request's round trip (--latency). */
  latencyMs?: number;
  results: {
    variant: string;
    build: string;
    failedRuns: number;
    overview: Stats;
    crossFilter: Stats;
    crossFilterFrames: FrameStats;
  }[];
  scrolling: {
    framesPerRun: number;
    runs: number;
    builds: ScrollResult[];
  };
  /** Absent from older results. */
  crossFilterTasks?: TaskSummary[];
  scrollTasks?: TaskSummary[];
  /** The traced runs' CPU profile's sampling interval in µs, 0 without a profile; 250 when absent. */
  samplingUs?: number;
  profiles: { build: string; breakdown: Summary }[];
}

/** Runs the summariser until it has taken in every load, saying how long that took. */
async function catchUpSummaries() {
  const es = createEsClient(ES_URL);
  const started = performance.now();
  await runSummariser({
    es,
    intervalMs: 5000,
    once: true,
    signal: new AbortController().signal,
    log: () => {},
  });
  await es.close();
  console.error(
    `bench: summaries caught up with the load log in ${Math.round(performance.now() - started)} ms`,
  );
}

/** Live data into `customer` (see --live), and the summariser beside it when the API reads summaries. */
function startLive(customer: string) {
  const es = createEsClient(ES_URL);
  const ingest = startLiveIngest(es, {
    seed: `dashboard-live-${customer}`,
    customerPrefix: customer.slice(0, -customersFor('single')[0]!.id.length),
    ratePerSecond: LIVE_PER_SECOND,
    stream: `bench-dashboard/live-${customer}`,
  });
  const controller = new AbortController();
  const summariser = SUMMARIES
    ? runSummariser({
        es,
        intervalMs: 5000,
        once: false,
        signal: controller.signal,
        // A failing summariser leaves the reports on the records: say so beside the figures.
        log: (line) => {
          if (line.includes('failed')) console.error(`bench: ${line}`);
        },
      })
    : Promise.resolve();
  return {
    stop: async () => {
      const written = await ingest.stop();
      controller.abort();
      await summariser;
      await es.close();
      return written;
    },
  };
}

function markdown(r: Result): string {
  const verdict = (ms: number, target: number) => (ms < target ? `${ms} ✓` : `${ms} ✗`);
  const within = (ok: boolean) => (ok ? '✓' : '✗');
  const lines = [
    '# Dashboard speed (`npm run bench -- dashboard`)',
    '',
    `${r.date}; ${r.records.toLocaleString('en-US')} records for \`${r.customer}\` (reports over the last 7 days of its data; ${r.summaries ? 'the API answering from hourly summaries where it can' : 'every report reading the records'}); headless Chromium, the API serving the built dashboard on loopback${r.latencyMs ? `, every request's round trip made ${r.latencyMs} ms longer by Chromium's network emulation` : ''}, ${r.machine}; ${r.iterations} runs per variant and build after one untimed warm-up.${r.liveRecords ? ` Data kept arriving: ${r.liveRecords.toLocaleString('en-US')} new records (about ${LIVE_PER_SECOND} a second) were loaded into the customer while measuring${r.summaries ? ', the summariser keeping its summaries' : ''}.` : ''}${r.baseline ? ` Two builds alternate run by run: **current** (the working tree, or the revision named beside it) and **baseline** (the dashboard as it was at \`${r.baseline}\`), each served by its own API process over the same Elasticsearch.` : ''}${r.popupBaseline ? ` Two browsers alternate run by run, the same build and API in both: Chromium as the tests launch it (**current**), and the same Chromium with the address bar's popup left on (**${POPUP_BUILD}**), whose headless mode loads the address bar's popup, a web app, into a renderer of its own for every new context, about 1.2 s of CPU on this machine while the page under test loads.` : ''}`,
    '',
    `One-minute load average ${r.loadAverage.before} before and ${r.loadAverage.after} after the runs: other work shared the machine, so above the core count the times include waiting for a CPU (Chromium, the API and Elasticsearch all run here). Compare builds within this run, not with other runs.`,
    '',
    `- **Overview complete**: from navigation start to all ${WIDGETS.length} overview widgets showing data (\`data-state="ready"\` and no chart inside still busy: the map counts once its lazily loaded geometry is drawn), a fresh browser context each run.`,
    `- **Cross-filter**: from Space on a donut slice (a click opens its rows in the log) to all ${WIDGETS.length} widgets showing data for the new filter; its frames are the animation-frame intervals over that time and the longest main-thread task (p50 over runs).`,
    '- **last 7 days**: the URL a user opens; repeats within a minute hit Elasticsearch\'s request cache (the API rounds "now" to the minute).',
    "- **fixed range, uncached**: the range moves by one second per run, so every search of the records is computed afresh (the summaries' shards answer a search over the same hours from their request cache until the summariser next writes there, as in production).",
    '- A run in which a widget shows a failure (its report timed out on an overloaded machine) is counted, not timed.',
    '',
    `Targets: overview < ${TARGETS.overviewMs} ms, cross-filter < ${TARGETS.crossFilterMs} ms (✓ / ✗ on the p50), frames within 16 ms.`,
    '',
    '| variant | build | overview p50 | overview p95 | cross-filter p50 | cross-filter p95 | cross-filter frame interval median / max | longest task | runs with a failed widget |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.results.map(
      (x) =>
        `| ${x.variant} | ${x.build} | ${verdict(x.overview.p50, TARGETS.overviewMs)} | ${x.overview.p95} | ${verdict(x.crossFilter.p50, TARGETS.crossFilterMs)} | ${x.crossFilter.p95} | ${x.crossFilterFrames.intervalMedianMs} / ${x.crossFilterFrames.intervalMaxMs} | ${x.crossFilterFrames.longestTaskMs} | ${x.failedRuns} |`,
    ),
    '',
    'Per widget, p50 of the time it became ready (ms):',
    '',
    `| variant | build | measure | ${WIDGETS.join(' | ')} |`,
    `|---|---|---|${WIDGETS.map(() => '---:').join('|')}|`,
    ...r.results.flatMap((x) => [
      `| ${x.variant} | ${x.build} | overview | ${WIDGETS.map((w) => x.overview.perWidgetP50[w]).join(' | ')} |`,
      `| ${x.variant} | ${x.build} | cross-filter | ${WIDGETS.map((w) => x.crossFilter.perWidgetP50[w]).join(' | ')} |`,
    ]),
    '',
    // Not scrolled (`--scroll-runs 0`): no section, rather than a table of nothing.
    ...(r.scrolling.runs === 0
      ? []
      : [
          `## Scrolling the log page (${r.scrolling.runs} runs × ${r.scrolling.framesPerRun} frames)`,
          '',
          "The authentication log over the last 7 days, in the dashboard: its grid scrolled by three rows per animation frame with a jump to a random offset every 20th frame. Work is timed from setting scrollTop and dispatching scroll through React's commit and a forced layout; the intervals are between animation frames (16.7 ms when every frame makes it; over 25 ms, the viewer saw a frame missed). A jump's rows fill the viewport in the frames counted last (1: in the jump's own frame).",
          '',
          '| build | rows | work median | p95 | max | frames over 16 ms | of them: steps / jumps | within 16 ms | frame interval median | p95 | max | intervals over 25 ms (a frame missed) | longest task | jump filled in frames: median / max (not filled when the run ended) |',
          '|---|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|---:|',
          ...r.scrolling.builds.map(
            ({ build, rows, stats: s, split: t, jumpFill: j }) =>
              `| ${build} | ${rows.toLocaleString('en-US')} | ${s.workMedianMs} | ${s.workP95Ms} | ${s.workMaxMs} | ${s.framesOver16Ms}/${s.frames} | ${t ? `${t.stepsOver16Ms}/${t.steps} · ${t.jumpsOver16Ms}/${t.jumps}` : '–'} | ${within(s.framesOver16Ms === 0)} | ${s.intervalMedianMs} | ${s.intervalP95Ms} | ${s.intervalMaxMs} | ${s.intervalsOver25Ms}/${s.intervals} | ${s.longestTaskMs} | ${j ? `${j.medianFrames} / ${j.maxFrames} (${j.unfilled})` : '–'} |`,
          ),
        ]),
    '',
  ];
  lines.push(
    ...taskSection(
      r.crossFilterTasks ?? [],
      'during a cross-filter',
      "The first variant's cross-filter again, recorded with Chromium's trace: every main-thread task from the key to the last widget answering",
      'cross-filter',
      r.samplingUs ?? 250,
    ),
    ...taskSection(
      r.scrollTasks ?? [],
      'while scrolling the log',
      `A scroll of the log as above (${r.scrolling.framesPerRun} frames), recorded with Chromium's trace: every main-thread task from the first step to the last`,
      'scroll',
      r.samplingUs ?? 250,
    ),
  );
  if (r.profiles.length > 0) {
    const builds = r.profiles.map((p) => p.build);
    const table = (title: string, pick: (s: Summary) => Record<string, number>) => {
      const keys = [...new Set(r.profiles.flatMap((p) => Object.keys(pick(p.breakdown))))];
      return [
        `| ${title} | ${builds.join(' | ')} |`,
        `|---|${builds.map(() => '---:').join('|')}|`,
        ...keys.map((k) => `| ${k} | ${r.profiles.map((p) => pick(p.breakdown)[k] ?? 0).join(' | ')} |`),
        '',
      ];
    };
    lines.push(
      `## Where the time goes (${r.profiles[0]!.breakdown.runs} profiled runs per build, p50 in ms)`,
      '',
      "The overview over the last 7 days, recorded with Chromium's trace (main-thread tasks, compile, style, layout, paint, GC) and its sampling CPU profile, whose frames are mapped through the build's source maps to the code they come from. Profiling slows the page; read the shares, not the totals. Milestones come from the page's navigation and resource timing.",
      '',
      ...table('milestone (ms from navigation)', (s) => s.milestones),
      ...table('main thread, up to every widget showing data', (s) => s.mainThread),
      ...table(
        'script self time by origin ("(program)" is the browser\'s own work outside script)',
        (s) => s.scriptByOrigin,
      ),
      `Longest main-thread task (p50): ${r.profiles.map((p) => `${p.build} ${p.breakdown.longestTaskMs} ms`).join(', ')}.`,
      '',
    );
  }
  return lines.join('\n');
}

/** The traced runs' section: the page's own CPU time in its main-thread tasks, then where it went. */
function taskSection(
  tasks: TaskSummary[],
  during: string,
  recorded: string,
  per: string,
  samplingUs: number,
): string[] {
  if (tasks.length === 0) return [];
  return [
    `## The page's own work ${during} (${tasks[0]!.runs} traced runs per build)`,
    '',
    `${recorded}, with its wall time and the CPU time the thread actually ran. A task's wall time above its CPU time is time the renderer waited for a core (Elasticsearch, the API and Chromium share this machine), not work the page can save. p50 over runs; "worst" is the task with the most CPU in any run. ${samplingUs > 0 ? `Tracing and the CPU profiler (a sample every ${samplingUs} µs) slow the page a little: compare builds within a run.` : 'Traced without the CPU profiler, whose sampling would add to every task: the script is not broken down by function.'}`,
    '',
    '| build | tasks | CPU total | wall total | longest task: CPU / wall | worst: CPU / wall | tasks over 16 ms: CPU / wall |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...tasks.map(
      (t) =>
        `| ${t.build} | ${t.tasks} | ${t.cpuMs} | ${t.wallMs} | ${t.longestCpuMs} / ${t.longestCpuWallMs} | ${t.worstCpuMs} / ${t.worstCpuWallMs} | ${t.overFrameCpu} / ${t.overFrameWall} |`,
    ),
    '',
    ...(tasks.some((t) => t.frames)
      ? [
          "A frame's work runs as several tasks (the frame's own, with animation callbacks, style, layout and paint; the scroll; React's render), so per frame: the CPU time of every task that started from one step's mark to the next. Over all traced runs; the median is the runs' medians' median.",
          '',
          '| build | frames | CPU per frame: median | max | frames over 16 ms of CPU | of them: steps / jumps |',
          '|---|---:|---:|---:|---:|---:|',
          ...tasks.flatMap(({ build, frames: f }) =>
            f
              ? [
                  `| ${build} | ${f.count} | ${f.cpuMedianMs} | ${f.cpuMaxMs} | ${f.overFrameCpu} | ${f.split.stepsOver16Ms}/${f.split.steps} · ${f.split.jumpsOver16Ms}/${f.split.jumps} |`,
                ]
              : [],
          ),
          '',
        ]
      : []),
    `The same CPU time by the kind of work, each trace event counted without the events nested in it (mean ms per ${per}): over all the tasks, and in the tasks over 16 ms of CPU.`,
    '',
    ...functionTable(tasks, 'cpuByKind', 'overFrameCpuByKind', 'kind of work'),
    ...(samplingUs > 0 ? profileTables(tasks, per) : []),
  ];
}

/** Where the traced runs' script went, from their CPU profile: by the function running, and by the page's own. */
function profileTables(tasks: TaskSummary[], per: string): string[] {
  return [
    `The script in it, from the sampling CPU profile over the same window (mean ms per ${per}, a column's 15 largest; functions named through the build's source maps). The profiler credits each sample with the wall time since the one before, so on a loaded machine these include waiting for a core: read the ranking, not the totals. By the function running:`,
    '',
    ...functionTable(tasks, 'selfByFunction', 'overFrameSelfByFunction'),
    "By the page's own functions (the dashboard's and the charts'), each inclusive of everything it calls:",
    '',
    ...functionTable(tasks, 'inclusiveByOwnFunction', 'overFrameInclusiveByOwnFunction'),
  ];
}

type TaskBreakdown = 'cpuByKind' | 'selfByFunction' | 'inclusiveByOwnFunction';
type TaskSummary = { build: string; runs: number } & ReturnType<typeof summariseTasks>;

/** A breakdown of the traced cross-filters or scrolls: per build, over all its tasks and over those above a frame. */
function functionTable(
  tasks: TaskSummary[],
  all: TaskBreakdown,
  overFrame: `overFrame${Capitalize<TaskBreakdown>}`,
  first = 'function',
) {
  const columns = tasks.flatMap((t) => [
    { name: `${t.build}: all tasks`, values: t[all] },
    { name: `${t.build}: tasks over 16 ms`, values: t[overFrame] },
  ]);
  const keys = [...new Set(columns.flatMap((c) => Object.keys(c.values)))];
  return [
    `| ${first} | ${columns.map((c) => c.name).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
    // "–": not among that column's largest (each keeps its top 15), rather than no time at all.
    ...keys.map((k) => `| \`${k}\` | ${columns.map((c) => c.values[k] ?? '–').join(' | ')} |`),
    '',
  ];
}

interface Stats {
  p50: number;
  p95: number;
  max: number;
  perWidgetP50: Record<string, number>;
}

await main();
