/**
 * Main-thread tasks of the page during a cross-filter, from Chromium's trace: each task's wall time
 * and the CPU time its thread actually ran. On a machine shared with Elasticsearch and the API, a
 * task can take far longer than the work in it, the renderer waiting for a core; the CPU time is the
 * page's own cost, which is what its code can change.
 */
import type { Browser, Page } from 'playwright-core';

export interface TaskTimes {
  tasks: number;
  cpuMs: number;
  wallMs: number;
  /** The task with the most CPU time: its CPU and its wall time. */
  longestCpuMs: number;
  longestCpuWallMs: number;
  /** Tasks whose own work (CPU) exceeds a 16 ms frame, and those whose wall time does. */
  overFrameCpu: number;
  overFrameWall: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The mark the page sets when the cross-filter starts (see dashboard.ts). */
export const CROSS_FILTER_MARK = 'sl-cross-filter';
const TASK = 'ThreadControllerImpl::RunTask';
const FRAME_MS = 16;

export async function startTaskTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'blink.user_timing'] });
}

/** Stops the trace and times the page's main-thread tasks from the mark for `windowMs`. */
export async function stopTaskTrace(browser: Browser, windowMs: number): Promise<TaskTimes> {
  const { traceEvents: events } = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const renderers = new Set(events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map(key));
  // The page's main thread: the renderer main thread that ran the most.
  const busy = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.name === TASK && renderers.has(key(e)))
      busy.set(key(e), (busy.get(key(e)) ?? 0) + (e.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mark = events.find((e) => e.name === CROSS_FILTER_MARK && key(e) === main);
  if (!main || !mark) throw new Error('the trace holds no cross-filter mark on the page’s main thread');
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      e.name === TASK &&
      key(e) === main &&
      e.ts + (e.dur ?? 0) > mark.ts &&
      e.ts < mark.ts + windowMs * 1000,
  );
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  const longest = tasks.reduce<TraceEvent | undefined>(
    (a, t) => (!a || (t.tdur ?? 0) > (a.tdur ?? 0) ? t : a),
    undefined,
  );
  return {
    tasks: tasks.length,
    cpuMs: tasks.reduce((s, t) => s + ms(t.tdur), 0),
    wallMs: tasks.reduce((s, t) => s + ms(t.dur), 0),
    longestCpuMs: ms(longest?.tdur),
    longestCpuWallMs: ms(longest?.dur),
    overFrameCpu: tasks.filter((t) => ms(t.tdur) > FRAME_MS).length,
    overFrameWall: tasks.filter((t) => ms(t.dur) > FRAME_MS).length,
  };
}
