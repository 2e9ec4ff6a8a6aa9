/**
 * Frames in the dashboard itself: scrolling the authentication log, and the frames painted while the
 * overview answers a cross-filter. Both run in the page; `frameStats` summarises what they record.
 */
import type { Page } from 'playwright-core';
import { SCROLL_MARK, SCROLL_STEP_MARK } from './taskTimes';

export interface FrameStats {
  frames: number;
  /** Work per frame: from the scroll through React's commit and layout (scrolling only). */
  workMedianMs: number;
  workP95Ms: number;
  workMaxMs: number;
  framesOver16Ms: number;
  /** Intervals recorded between animation frames. */
  intervals: number;
  /** Time between animation frames: 16.7 ms when every frame makes its deadline. */
  intervalMedianMs: number;
  intervalP95Ms: number;
  intervalMaxMs: number;
  /** Intervals of more than one and a half frames: a display refresh went by without a new frame. */
  intervalsOver25Ms: number;
  /** The longest main-thread task in the window (a frame cannot be shorter). */
  longestTaskMs: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
};
/** Longer than one and a half frames at 60 Hz: a display refresh went by without a new frame. */
const MISSED_MS = 16.7 * 1.5;
const r1 = (n: number) => Math.round(n * 10) / 10;

export function frameStats(work: number[], intervals: number[], longestTask: number): FrameStats {
  const intervalsOver25Ms = intervals.filter((i) => i > MISSED_MS).length;
  return {
    // Of the work timed when there is some (a scroll), else of the intervals (a cross-filter).
    frames: work.length || intervals.length,
    workMedianMs: r1(pct(work, 50)),
    workP95Ms: r1(pct(work, 95)),
    workMaxMs: r1(pct(work, 100)),
    framesOver16Ms: work.length ? work.filter((w) => w > 16).length : intervalsOver25Ms,
    intervals: intervals.length,
    intervalMedianMs: r1(pct(intervals, 50)),
    intervalP95Ms: r1(pct(intervals, 95)),
    intervalMaxMs: r1(pct(intervals, 100)),
    intervalsOver25Ms,
    longestTaskMs: r1(longestTask),
  };
}

/**
 * Installed before any page script (with the widget tracker): every animation frame's interval and
 * every long task (over 50 ms, what the browser reports) since the last `__frames.reset()`.
 */
export function frameRecorder(): void {
  const w = window as unknown as {
    __frames: { intervals: number[]; longest: number; reset: () => void; flush: () => void };
  };
  let last = 0;
  const note = (entries: PerformanceEntryList) => {
    for (const e of entries) w.__frames.longest = Math.max(w.__frames.longest, e.duration);
  };
  const observer = new PerformanceObserver((list) => note(list.getEntries()));
  w.__frames = {
    intervals: [],
    longest: 0,
    reset() {
      this.intervals = [];
      this.longest = 0;
      last = 0;
    },
    // Entries reach the observer's callback in a later task: a reading takes the pending ones first.
    flush: () => note(observer.takeRecords()),
  };
  observer.observe({ type: 'longtask' });
  const tick = (now: number) => {
    if (last) w.__frames.intervals.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export async function resetFrames(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __frames: { reset: () => void } }).__frames.reset());
}

export async function readFrames(page: Page): Promise<{ intervals: number[]; longest: number }> {
  return page.evaluate(() => {
    const f = (window as unknown as { __frames: { intervals: number[]; longest: number; flush: () => void } })
      .__frames;
    f.flush();
    return { intervals: [...f.intervals], longest: f.longest };
  });
}

/**
 * Scrolls the log's grid one step per animation frame, as the chart benchmark scrolls the table
 * alone: three rows at a time, with a jump to a far-off part of the loaded rows every 20th frame.
 * Each frame's work is timed from setting scrollTop and dispatching scroll through React's commit
 * and a forced layout: the virtualiser's re-render is scheduled as a task from a microtask, so the
 * timing waits a microtask, then for the tasks queued by then (a message posted after them comes
 * back after them). The page marks the start (SCROLL_MARK) and every step (SCROLL_STEP_MARK), and
 * `elapsedMs` is the whole scroll: the window a trace of it times.
 */
export async function scrollLog(
  page: Page,
  frames: number,
): Promise<{
  work: number[];
  jumps: boolean[];
  intervals: number[];
  longest: number;
  rows: number;
  elapsedMs: number;
  fills: number[];
}> {
  await resetFrames(page);
  const { work, jumps, rows, elapsedMs, fills } = await page.evaluate(
    async ({ count, mark, step }) => {
      const grid = document.querySelector<HTMLElement>('[data-widget] [role="grid"], [role="grid"]');
      if (!grid) throw new Error('the log page shows no grid');
      const row = grid.querySelector<HTMLElement>('[role="row"][aria-rowindex="2"]');
      const rowHeight = row?.getBoundingClientRect().height || 32;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const queuedTasks = () =>
        new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
      const work: number[] = [];
      const jumps: boolean[] = [];
      // Per jump, the frames until the rows of its viewport were all there (1: in the jump's own).
      const fills: number[] = [];
      let jumpedAt = -1;
      // The rows in view, under the sticky header: from the offset to the viewport's bottom edge.
      const body = grid.querySelectorAll<HTMLElement>('[role="rowgroup"]')[1];
      const filled = () => {
        const offset = grid.scrollTop;
        const first = Math.floor(offset / rowHeight);
        const last = Math.ceil((offset + grid.clientHeight - (body?.offsetTop ?? 0)) / rowHeight) - 1;
        for (let i = first; i <= last; i++)
          if (!grid.querySelector(`[role="row"][data-index="${i}"]`)) return false;
        return true;
      };
      let seed = 1;
      let top = 0;
      await frame();
      const started = performance.now();
      performance.mark(mark);
      for (let f = 0; f < count; f++) {
        await frame();
        // In the frame's own task (animation callbacks, then style, layout and paint): what starts
        // from here to the next step is one frame's work.
        performance.mark(step);
        const max = grid.scrollHeight - grid.clientHeight;
        jumps.push(f % 20 === 19);
        if (f % 20 === 19) {
          seed = (seed * 48271) % 2147483647;
          top = Math.round(((seed / 2147483647) * max) / rowHeight) * rowHeight;
        } else top = top + 3 * rowHeight > max ? 0 : top + 3 * rowHeight;
        const t0 = performance.now();
        grid.scrollTop = top;
        grid.dispatchEvent(new Event('scroll'));
        // React schedules the render from a microtask: after it, a message posted comes back after it.
        await Promise.resolve();
        await queuedTasks();
        grid.getBoundingClientRect();
        work.push(performance.now() - t0);
        if (f % 20 === 19) jumpedAt = f;
        if (jumpedAt >= 0 && filled()) {
          fills.push(f - jumpedAt + 1);
          jumpedAt = -1;
        }
      }
      const total = Number(grid.getAttribute('aria-rowcount') ?? 0) - 1;
      return { work, jumps, rows: total, elapsedMs: performance.now() - started, fills };
    },
    { count: frames, mark: SCROLL_MARK, step: SCROLL_STEP_MARK },
  );
  const { intervals, longest } = await readFrames(page);
  return { work, jumps, intervals, longest, rows, elapsedMs, fills };
}
