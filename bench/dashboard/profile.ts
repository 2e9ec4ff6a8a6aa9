/**
 * Where the overview's time goes: one navigation recorded with Chromium's trace (main-thread tasks,
 * script compile, style, layout, paint, GC) and its sampling CPU profile, whose frames are mapped
 * through the build's source maps to the package they come from (React, React Query, D3, the charts,
 * the dashboard, the world geometry…). Network from the page's resource timing: when each script and
 * API request started and ended.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { Browser, Page } from 'playwright-core';

export interface Breakdown {
  /** Navigation start to every widget showing data. */
  completeMs: number;
  network: { name: string; startMs: number; endMs: number; bytes: number }[];
  /** Main-thread time by kind, from the trace (ms). */
  mainThread: Record<string, number>;
  /** JavaScript self time by origin, from the CPU profile (ms). */
  scriptByOrigin: Record<string, number>;
  /** The functions with the most self time: origin source:line name (ms). */
  topFunctions: Record<string, number>;
  /** The longest main-thread tasks (ms, start → duration). */
  longestTasks: { startMs: number; durationMs: number }[];
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frame?: string } };
}

/** Trace events that nest inside tasks and are not script: counted by the time they take. */
const KINDS: Record<string, string> = {
  ParseHTML: 'parse HTML',
  'v8.compile': 'compile script',
  'v8.compileModule': 'compile script',
  'V8.CompileCode': 'compile script',
  'v8.produceModuleCache': 'compile script',
  'v8.produceCache': 'compile script',
  UpdateLayoutTree: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  MinorGC: 'garbage collection',
  MajorGC: 'garbage collection',
};

/** Which part of the code a source belongs to, by its path in the source map. */
function origin(source: string): string {
  const rules: [RegExp, string][] = [
    [/node_modules\/(react-dom|react|scheduler)\//, 'React'],
    [/node_modules\/@tanstack\/react-query|node_modules\/@tanstack\/query-core/, 'React Query'],
    [/node_modules\/@tanstack\/(react-virtual|virtual-core)/, 'TanStack Virtual'],
    [/node_modules\/(d3-[a-z-]+|internmap)\//, 'D3'],
    [/node_modules\/topojson-client/, 'world geometry (topojson)'],
    [/world-atlas/, 'world geometry (topojson)'],
    [/charts\/src\/geo\//, 'charts: map'],
    [/charts\/src\//, 'charts: other'],
    [/query-api\/src\//, 'query-api (client, schema)'],
    [/apps\/dashboard\/src\//, 'dashboard'],
    [/node_modules\//, 'other packages'],
  ];
  return rules.find(([re]) => re.test(source))?.[1] ?? 'other';
}

/** Maps a script URL + position to its origin through the build's source maps, caching the maps. */
export function originMapper(dist: string) {
  const maps = new Map<string, TraceMap | null>();
  return (url: string, line: number, column: number, detail = false): string => {
    if (!url) return '(native)';
    const path = new URL(url).pathname;
    if (!path.startsWith('/assets/')) return 'other';
    if (!maps.has(path)) {
      try {
        maps.set(path, new TraceMap(readFileSync(join(dist, `${path}.map`), 'utf8')));
      } catch {
        maps.set(path, null);
      }
    }
    const map = maps.get(path);
    if (!map) return path.includes('countries-110m') ? 'world geometry (topojson)' : 'other';
    const pos = originalPositionFor(map, { line: line + 1, column });
    if (!pos.source) return 'other';
    return detail
      ? `${pos.source.replace(/.*node_modules\//, '').replace(/.*\/src\//, '')}:${pos.line} ${pos.name ?? ''}`
      : origin(pos.source);
  };
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'loading',
  'blink.user_timing',
  'toplevel',
];

/**
 * Opens the URL in the context's page with tracing and profiling on, waits with `settle` until the
 * page is complete, and returns the breakdown up to that moment.
 */
export async function profileNavigation(
  browser: Browser,
  page: Page,
  url: string,
  dist: string,
  settle: (page: Page) => Promise<number>,
): Promise<Breakdown> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await cdp.send('Profiler.start');
  await page.goto(url);
  const completeMs = await settle(page);
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const { navStart, network } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const entries = [nav, ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[])];
    return {
      navStart: performance.timeOrigin,
      network: entries.map((e) => ({
        name: e.name.replace(location.origin, ''),
        startMs: Math.round(e.startTime),
        endMs: Math.round(e.responseEnd),
        bytes: e.encodedBodySize,
      })),
    };
  });
  void navStart;

  // The page's main thread: the renderer thread with the most task time.
  const events = trace.traceEvents;
  const threads = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      threads.set(`${e.pid}:${e.tid}`, 0);
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && threads.has(key))
      threads.set(key, threads.get(key)! + (e.dur ?? 0));
  }
  const main = [...threads].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
  // Navigation start on the trace clock: the main frame's first navigationStart mark after the blank page.
  const navMark = events
    .filter((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main)
    .map((e) => e.ts)
    .sort((a, b) => b - a)[0];
  const t0 = navMark ?? Math.min(...onMain.map((e) => e.ts));
  const end = t0 + completeMs * 1000;
  const within = (e: TraceEvent) => e.ts >= t0 && e.ts < end;

  const mainThread: Record<string, number> = {};
  const add = (k: string, us: number) => (mainThread[k] = (mainThread[k] ?? 0) + us / 1000);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && within(e));
  for (const t of tasks) add('busy (all tasks)', t.dur ?? 0);
  add(
    'idle (waiting for network or timers)',
    completeMs * 1000 - tasks.reduce((s, t) => s + (t.dur ?? 0), 0),
  );
  for (const e of onMain) if (within(e) && KINDS[e.name]) add(KINDS[e.name]!, e.dur ?? 0);

  // CPU profile: self time per node, sample by sample, up to completion.
  const toOrigin = originMapper(dist);
  const nodeOrigin = new Map<number, string>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    nodeOrigin.set(
      node.id,
      f.url
        ? toOrigin(f.url, f.lineNumber, f.columnNumber)
        : f.functionName
          ? `(${f.functionName.replace(/[()]/g, '')})`
          : '(native)',
    );
  }
  const scriptByOrigin: Record<string, number> = {};
  const byFunction: Record<string, number> = {};
  const nodeDetail = new Map<number, string>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    nodeDetail.set(
      node.id,
      f.url ? `${toOrigin(f.url, f.lineNumber, f.columnNumber, true)} ${f.functionName}` : f.functionName,
    );
  }
  // The profile's clock is the trace's (both are the browser's monotonic clock, in µs).
  let ts = profile.startTime;
  profile.samples?.forEach((id, i) => {
    const delta = profile.timeDeltas?.[i] ?? 0;
    ts += delta;
    if (ts < t0 || ts >= end) return;
    const o = nodeOrigin.get(id) ?? 'other';
    if (o === '(idle)') return;
    scriptByOrigin[o] = (scriptByOrigin[o] ?? 0) + delta / 1000;
    const d = nodeDetail.get(id) ?? '';
    byFunction[d] = (byFunction[d] ?? 0) + delta / 1000;
  });
  const round = (r: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(r)
        .map(([k, v]) => [k, Math.round(v)] as const)
        .sort((a, b) => b[1] - a[1]),
    );
  return {
    completeMs,
    network: network.filter((n) => n.startMs < completeMs).sort((a, b) => a.startMs - b.startMs),
    mainThread: round(mainThread),
    scriptByOrigin: round(scriptByOrigin),
    topFunctions: Object.fromEntries(Object.entries(round(byFunction)).slice(0, 25)),
    longestTasks: tasks
      .map((t) => ({ startMs: Math.round((t.ts - t0) / 1000), durationMs: Math.round((t.dur ?? 0) / 1000) }))
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, 8),
  };
}
