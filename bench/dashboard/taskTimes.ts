/**
 * Main-thread tasks of the page during a cross-filter or a scroll of the log, from Chromium's trace:
 * each task's wall time and the CPU time its thread actually ran. On a machine shared with Elasticsearch and the API, a
 * task can take far longer than the work in it, the renderer waiting for a core; the CPU time is the
 * page's own cost, which is what its code can change.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { originMapper } from './profile';

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
  /**
   * Script time over the same window from the sampling CPU profile, mapped through the build's source
   * maps (ms): by the function running (self), and by each of the page's own functions on the stack
   * (the dashboard's and the charts' components and hooks, inclusive of what they call). Empty when
   * traced without the profile (a sampling interval of 0).
   */
  selfByFunction: Record<string, number>;
  inclusiveByOwnFunction: Record<string, number>;
  /** The same two, in the tasks over a frame only. */
  overFrameSelfByFunction: Record<string, number>;
  overFrameInclusiveByOwnFunction: Record<string, number>;
  /**
   * The tasks' CPU time by the kind of work (script, style, layout, paint, garbage collection…), each
   * event's own time without the events nested in it: over all tasks, and in the tasks over a frame.
   */
  cpuByKind: Record<string, number>;
  overFrameCpuByKind: Record<string, number>;
  /**
   * Scrolls only: the CPU time of each step's frame, every task that started between its step mark
   * and the next (the scroll, React's render, style, layout and paint run as separate tasks).
   */
  frames?: {
    count: number;
    cpuMedianMs: number;
    cpuMaxMs: number;
    overFrameCpu: number;
    /** Each step's frame's CPU (ms), in order: the caller knows which steps jumped. */
    cpuMs: number[];
  };
  /** Scrolls only, set by the caller: which steps jumped to a far offset. */
  jumps?: boolean[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
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

/** The marks the page sets when the cross-filter starts (see dashboard.ts) and when a scroll starts (frames.ts). */
export const CROSS_FILTER_MARK = 'sl-cross-filter';
export const SCROLL_MARK = 'sl-scroll';
/** Set at every step of a scroll: a frame's work, spread over several tasks, is what starts between two. */
export const SCROLL_STEP_MARK = 'sl-scroll-step';
const TASK = 'ThreadControllerImpl::RunTask';
const FRAME_MS = 16;

export interface TaskTrace {
  /** Stops the trace and times the page's main-thread tasks from `mark` for `windowMs`. */
  stop(mark: string, windowMs: number): Promise<TaskTimes>;
}

/**
 * Starts the trace and the CPU profile, sampled every `samplingUs` µs; `dist` is the build whose
 * source maps name the functions. With `samplingUs` 0 there is no profile, and no sampler's cost in
 * the tasks timed: the script is then not broken down by function.
 */
export async function startTaskTrace(
  browser: Browser,
  page: Page,
  dist: string,
  samplingUs: number,
): Promise<TaskTrace> {
  const cdp: CDPSession | undefined = samplingUs > 0 ? await page.context().newCDPSession(page) : undefined;
  await cdp?.send('Profiler.enable');
  await cdp?.send('Profiler.setSamplingInterval', { interval: samplingUs });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'blink.user_timing'] });
  await cdp?.send('Profiler.start');
  return {
    async stop(mark, windowMs) {
      const profile: CpuProfile = cdp
        ? ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile
        : { nodes: [], startTime: 0 };
      await cdp?.detach();
      return taskTimes(await browser.stopTracing(), profile, mark, windowMs, dist);
    },
  };
}

function taskTimes(
  trace: Buffer,
  profile: CpuProfile,
  markName: string,
  windowMs: number,
  dist: string,
): TaskTimes {
  const { traceEvents: events } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const renderers = new Set(events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map(key));
  // The page's main thread: the renderer main thread that ran the most.
  const busy = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.name === TASK && renderers.has(key(e)))
      busy.set(key(e), (busy.get(key(e)) ?? 0) + (e.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mark = events.find((e) => e.name === markName && key(e) === main);
  if (!main || !mark) throw new Error(`the trace holds no ${markName} mark on the page’s main thread`);
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      e.name === TASK &&
      key(e) === main &&
      e.ts + (e.dur ?? 0) > mark.ts &&
      e.ts < mark.ts + windowMs * 1000,
  );
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  const overFrame = tasks.filter((t) => ms(t.tdur) > FRAME_MS);
  const script = scriptTime(profile, dist);
  const longest = tasks.reduce<TraceEvent | undefined>(
    (a, t) => (!a || (t.tdur ?? 0) > (a.tdur ?? 0) ? t : a),
    undefined,
  );
  const steps = events
    .filter((e) => e.name === SCROLL_STEP_MARK && key(e) === main)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  return {
    ...(steps.length > 0 ? { frames: framesCpu(tasks, steps) } : {}),
    tasks: tasks.length,
    cpuMs: tasks.reduce((s, t) => s + ms(t.tdur), 0),
    wallMs: tasks.reduce((s, t) => s + ms(t.dur), 0),
    longestCpuMs: ms(longest?.tdur),
    longestCpuWallMs: ms(longest?.dur),
    overFrameCpu: overFrame.length,
    overFrameWall: tasks.filter((t) => ms(t.dur) > FRAME_MS).length,
    cpuByKind: byKind(tasks, events, main),
    overFrameCpuByKind: byKind(overFrame, events, main),
    ...script([[mark.ts, mark.ts + windowMs * 1000]]),
    ...prefixed(script(overFrame.map((t) => [t.ts, t.ts + (t.dur ?? 0)]))),
  };
}

/** Each step's frame: the CPU of the tasks that started from its mark to the next. */
function framesCpu(tasks: TraceEvent[], steps: number[]): NonNullable<TaskTimes['frames']> {
  const cpu = steps.map(() => 0);
  for (const task of tasks) {
    const i = steps.findLastIndex((ts) => ts <= task.ts);
    if (i >= 0) cpu[i]! += (task.tdur ?? 0) / 1000;
  }
  const sorted = [...cpu].sort((a, b) => a - b);
  return {
    count: cpu.length,
    cpuMedianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    cpuMaxMs: sorted.at(-1) ?? 0,
    overFrameCpu: cpu.filter((c) => c > FRAME_MS).length,
    cpuMs: cpu,
  };
}

/** Trace events inside a task, by the kind of work they are. */
const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'script',
  FireAnimationFrame: 'script',
  'v8.callFunction': 'script',
  ParseHTML: 'parse HTML',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  HitTest: 'hit test',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
  MinorGC: 'garbage collection',
  MajorGC: 'garbage collection',
  'BlinkGC.AtomicPhase': 'garbage collection',
};

/** CPU time by kind: each event's own time (its CPU less its nested kinded events'), the rest "other". */
function byKind(tasks: TraceEvent[], events: TraceEvent[], main: string): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (k: string, us: number) => (out[k] = (out[k] ?? 0) + us / 1000);
  const kinded = events
    .filter((e) => e.ph === 'X' && KINDS[e.name] && `${e.pid}:${e.tid}` === main)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = kinded.filter((e) => e.ts >= task.ts && e.ts < end);
    // Own time: an event's CPU less its direct children's, found with a stack of open events.
    const stack: { e: TraceEvent; children: number }[] = [];
    let top = 0;
    const close = (upTo: number) => {
      while (
        stack.length > 0 &&
        stack[stack.length - 1]!.e.ts + (stack[stack.length - 1]!.e.dur ?? 0) <= upTo
      ) {
        const { e, children } = stack.pop()!;
        add(KINDS[e.name]!, Math.max(0, (e.tdur ?? 0) - children));
        if (stack.length > 0) stack[stack.length - 1]!.children += e.tdur ?? 0;
        else top += e.tdur ?? 0;
      }
    };
    for (const e of inside) {
      close(e.ts);
      stack.push({ e, children: 0 });
    }
    close(Infinity);
    add('other', Math.max(0, (task.tdur ?? 0) - top));
  }
  return Object.fromEntries(
    Object.entries(out)
      .map(([k, v]) => [k, Math.round(v * 10) / 10] as const)
      .sort((a, b) => b[1] - a[1]),
  );
}

/** The page's own code, by where its source map places it: what a change in this repository can speed up. */
const OWN = /^(charts|dashboard)/;

/** The same breakdowns, named for the tasks over a frame. */
const prefixed = (t: ScriptTime) => ({
  overFrameSelfByFunction: t.selfByFunction,
  overFrameInclusiveByOwnFunction: t.inclusiveByOwnFunction,
});

interface ScriptTime {
  selfByFunction: Record<string, number>;
  inclusiveByOwnFunction: Record<string, number>;
}

/**
 * The profile's functions named once through the source maps; the function returned sums the
 * samples within spans on the trace's clock (both are the browser's monotonic µs).
 */
function scriptTime(profile: CpuProfile, dist: string): (spans: [number, number][]) => ScriptTime {
  const toSource = originMapper(dist);
  const name = new Map<number, string>();
  const own = new Set<number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const where = f.url ? toSource(f.url, f.lineNumber, f.columnNumber, true) : '';
    name.set(node.id, `${where} ${f.functionName || '(anonymous)'}`.trim());
    if (f.url && OWN.test(toSource(f.url, f.lineNumber, f.columnNumber))) own.add(node.id);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  return (spans) => {
    // Without a prototype: a function named toString or constructor is a key like any other.
    const selfByFunction = Object.create(null) as Record<string, number>;
    const inclusiveByOwnFunction = Object.create(null) as Record<string, number>;
    let ts = profile.startTime;
    profile.samples?.forEach((id, i) => {
      const delta = profile.timeDeltas?.[i] ?? 0;
      ts += delta;
      const self = name.get(id) ?? '';
      // Outside script ("(program)", "(idle)") the sampler counts wall time: the trace's kinds say what it was.
      if (!spans.some(([from, to]) => ts >= from && ts < to) || self === '(idle)' || self === '(program)')
        return;
      selfByFunction[self] = (selfByFunction[self] ?? 0) + delta / 1000;
      // Each own function once per sample, however deep it recurses.
      const onStack = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n))
        if (own.has(n)) onStack.add(name.get(n)!);
      for (const f of onStack) inclusiveByOwnFunction[f] = (inclusiveByOwnFunction[f] ?? 0) + delta / 1000;
    });
    return { selfByFunction, inclusiveByOwnFunction };
  };
}
