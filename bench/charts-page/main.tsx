import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ReactElement } from 'react';
import { DonutChart } from '../../packages/charts/src/donut';
import { manySlices } from '../../packages/charts/src/donut/fixtures';
import { StackedAreaChart } from '../../packages/charts/src/stacked-area';
import { largeSeries } from '../../packages/charts/src/stacked-area/fixtures';
import { GeoMap } from '../../packages/charts/src/geo';
import { everyCountry, gridCells, worldTopology } from '../../packages/charts/src/geo/fixtures';
import { LogTable, columnsFromFields, formatTimestamp } from '../../packages/charts/src/table';
import { authLog } from '../../packages/charts/src/table/fixtures/authLog';
import type { AuthLogRow } from '../../packages/charts/src/table/fixtures/authLog';
import { H, RechartsArea, RechartsDonut, VisxArea, VisxDonut, W } from './competitors';

const stage = document.getElementById('stage')!;
const slices = manySlices(50);
const series = largeSeries(20, 2000);
const bubbles = gridCells(5000);
const logRows = authLog(100_000);
const logRowHeight = 32;
const logColumns = columnsFromFields<AuthLogRow>([
  { id: 'ts', label: 'Time', type: 'date' },
  { id: 'user.name', label: 'User', type: 'keyword' },
  { id: 'application.name', label: 'Application', type: 'keyword' },
  { id: 'factor', label: 'Factor', type: 'keyword' },
  { id: 'result', label: 'Result', type: 'keyword' },
  { id: 'access_device.ip', label: 'IP', type: 'ip' },
]);

/** Where the pointer is on frame `f` of `frames` of the hover sweep, in viewport px. */
type PointerPath = (f: number, frames: number) => { x: number; y: number };

interface Case {
  element: () => ReactElement;
  /** True once the chart is fully drawn (some libraries draw in several passes). */
  done: (host: HTMLElement) => boolean;
  /**
   * The hover sweep's path over the drawn chart, for charts whose marks react to the pointer
   * entering them: events go to the element under the pointer, as a browser sends them. Without
   * it, the sweep crosses the plot's middle with moves sent to the plot (the stacked area's way).
   */
  pointer?: (host: HTMLElement) => PointerPath;
}

const marks = (selector: string, min: number) => (host: HTMLElement) =>
  host.querySelectorAll(selector).length >= min;

/** One turn around the middle of the ring drawn by `selector`'s elements, from 12 o'clock clockwise. */
const aroundRing =
  (selector: string) =>
  (host: HTMLElement): PointerPath => {
    const rects = [...host.querySelectorAll(selector)].map((e) => e.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    // Both donuts' inner radius is 0.6 of the outer one: 0.8 of it runs through the middle of the ring.
    const radius = 0.4 * Math.min(right - left, bottom - top);
    const cx = (left + right) / 2;
    const cy = (top + bottom) / 2;
    return (f, frames) => {
      const angle = (2 * Math.PI * (f + 0.5)) / frames;
      return { x: cx + radius * Math.sin(angle), y: cy - radius * Math.cos(angle) };
    };
  };

/**
 * Left to right across the map at the height where most of its items (countries with data, or
 * bubbles) have their centre: the busiest band, out of twenty.
 */
const acrossMap = (host: HTMLElement): PointerPath => {
  const rect = host.querySelector('svg[role="group"]')!.getBoundingClientRect();
  const bands = new Array<number>(20).fill(0);
  for (const item of host.querySelectorAll('[role="option"]')) {
    const box = item.getBoundingClientRect();
    const band = Math.floor(((box.top + box.height / 2 - rect.top) / rect.height) * bands.length);
    if (band >= 0 && band < bands.length) bands[band]!++;
  }
  const busiest = bands.indexOf(Math.max(...bands));
  return (f, frames) => ({
    x: rect.left + rect.width * (0.02 + (0.96 * (f + 0.5)) / frames),
    y: rect.top + (rect.height * (busiest + 0.5)) / bands.length,
  });
};

const cases: Record<string, Case> = {
  'donut/sightline': {
    element: () => <DonutChart title="Apps" data={slices} width={W} height={H} />,
    done: marks('path[data-key]', 50),
    pointer: aroundRing('path[data-key]'),
  },
  'donut/sightline-no-legend': {
    element: () => <DonutChart title="Apps" data={slices} width={W} height={H} legend={false} />,
    done: marks('path[data-key]', 50),
  },
  'donut/recharts': {
    element: () => <RechartsDonut data={slices} />,
    done: marks('.recharts-sector', 50),
    pointer: aroundRing('.recharts-sector'),
  },
  'donut/visx': { element: () => <VisxDonut data={slices} />, done: marks('path', 50) },
  'area/sightline': {
    element: () => <StackedAreaChart title="Series" data={series} width={W} height={H} />,
    done: marks('path[data-series]', 20),
  },
  'area/recharts': { element: () => <RechartsArea data={series} />, done: marks('.recharts-area-area', 20) },
  'area/visx': { element: () => <VisxArea data={series} />, done: marks('path', 20) },
  'geo/sightline-countries': {
    element: () => (
      <GeoMap title="Countries" rows={everyCountry} topology={worldTopology} width={W} height={H * 1.5} />
    ),
    done: marks('path', 150),
    pointer: acrossMap,
  },
  'geo/sightline-5000-bubbles': {
    element: () => (
      <GeoMap title="Cells" rows={bubbles} mode="grid" topology={worldTopology} width={W} height={H * 1.5} />
    ),
    done: (host) => host.querySelectorAll('circle').length >= 1000,
    pointer: acrossMap,
  },
  'table/sightline-100k-rows': {
    element: () => (
      <LogTable title="Log" rows={logRows} columns={logColumns} height={480} rowHeight={logRowHeight} />
    ),
    done: (host) => host.querySelectorAll('[role="row"]').length > 10,
  },
};

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/**
 * Resolves once the tasks queued so far have run. React renders an update from a continuous event
 * (pointermove, mousemove) in a task of its own after the event, which flushSync does not flush;
 * posted-message tasks run in order, so this one runs after it.
 */
const queuedTasks = () =>
  new Promise<void>((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => resolve();
    port2.postMessage(null);
  });

function until(host: HTMLElement, done: (host: HTMLElement) => boolean): Promise<void> {
  if (done(host)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('chart never finished drawing'));
    }, 20_000);
    const observer = new MutationObserver(() => {
      if (!done(host)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(host, { childList: true, subtree: true, attributes: true });
  });
}

function mount() {
  const host = document.createElement('div');
  stage.appendChild(host);
  const root = createRoot(host);
  return { host, root, dispose: () => (root.unmount(), host.remove()) };
}

/** Mount → fully drawn and laid out (ms), then → next frame painted (ms), after `warmups` unmeasured runs. */
async function render(name: string, runs: number, warmups = 1) {
  const c = cases[name]!;
  const drawn: number[] = [];
  const painted: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    await frame();
    const { host, root, dispose } = mount();
    const t0 = performance.now();
    flushSync(() => root.render(c.element()));
    await until(host, c.done);
    host.getBoundingClientRect();
    const t1 = performance.now();
    await frame();
    const t2 = performance.now();
    if (i >= warmups) {
      drawn.push(t1 - t0);
      painted.push(t2 - t0);
    }
    dispose();
  }
  return { drawn, painted };
}

/** True when a tooltip is on screen (Recharts keeps its wrapper, hidden, between hovers). */
function tooltipVisible(host: HTMLElement): boolean {
  return [...host.querySelectorAll<HTMLElement>('[role="tooltip"], .recharts-tooltip-wrapper')].some(
    (tip) => getComputedStyle(tip).visibility !== 'hidden' && tip.textContent !== '',
  );
}

/** Mounts a case, waits until it is fully drawn, then two more frames so layout and paint settle. */
async function mountSettled(c: Case) {
  const mounted = mount();
  flushSync(() => mounted.root.render(c.element()));
  await until(mounted.host, c.done);
  await frame();
  await frame();
  return mounted;
}

/**
 * Moves the pointer one step per animation frame along the case's path (or across the plot), and
 * times each frame's work from the dispatch through React's commit and layout. Along a path, each
 * step goes to the element under the pointer, with the out/over pair a browser sends on entering it.
 */
async function hover(name: string, frames: number) {
  const c = cases[name]!;
  const { host, dispose } = await mountSettled(c);
  const path = c.pointer?.(host);
  const target =
    host.querySelector<SVGElement>('[data-plot]') ??
    host.querySelector<HTMLElement>('.recharts-wrapper') ??
    host;
  const rect = target.getBoundingClientRect();
  const work: number[] = [];
  const intervals: number[] = [];
  let tooltipFrames = 0;
  let over: Element | null = null;
  let last = await frame();
  for (let f = 0; f < frames; f++) {
    const now = await frame();
    intervals.push(now - last);
    last = now;
    let send: () => void;
    if (path) {
      const { x, y } = path(f, frames);
      const hit = document.elementFromPoint(x, y);
      const init = { clientX: x, clientY: y, bubbles: true, pointerType: 'mouse', isPrimary: true };
      send = () => {
        if (hit !== over) {
          over?.dispatchEvent(new PointerEvent('pointerout', { ...init, relatedTarget: hit }));
          over?.dispatchEvent(new MouseEvent('mouseout', { ...init, relatedTarget: hit }));
          hit?.dispatchEvent(new PointerEvent('pointerover', { ...init, relatedTarget: over }));
          hit?.dispatchEvent(new MouseEvent('mouseover', { ...init, relatedTarget: over }));
          over = hit;
        }
        hit?.dispatchEvent(new PointerEvent('pointermove', init));
        hit?.dispatchEvent(new MouseEvent('mousemove', init));
      };
    } else {
      const init = {
        clientX: rect.left + ((f + 0.5) / frames) * rect.width,
        clientY: rect.top + rect.height / 2,
        bubbles: true,
      };
      send = () => {
        target.dispatchEvent(new PointerEvent('pointermove', init));
        target.dispatchEvent(new MouseEvent('mousemove', init));
      };
    }
    const t0 = performance.now();
    flushSync(send);
    await queuedTasks();
    host.getBoundingClientRect();
    work.push(performance.now() - t0);
    if (tooltipVisible(host)) tooltipFrames++;
  }
  dispose();
  return { work, intervals, tooltipFrames };
}

/**
 * Whether the grid shows, where it should, the rows its scroll offset puts in view: each row under
 * the header is mounted ('missing' if not), sits at its own offset and holds its own record's
 * timestamp ('wrong' if not).
 */
function rowsInView(grid: HTMLElement): 'shown' | 'missing' | 'wrong' {
  const body = grid.querySelectorAll<HTMLElement>('[role="rowgroup"]')[1]!;
  const top = grid.scrollTop;
  const first = Math.floor(top / logRowHeight);
  const last =
    Math.min(logRows.length, Math.ceil((top + grid.clientHeight - body.offsetTop) / logRowHeight)) - 1;
  const bodyTop = body.getBoundingClientRect().top;
  let missing = last < first;
  for (let i = first; i <= last; i++) {
    const row = grid.querySelector(`[role="row"][aria-rowindex="${i + 2}"]`);
    if (!row) missing = true;
    else if (Math.abs(row.getBoundingClientRect().top - (bodyTop + i * logRowHeight)) > 1) return 'wrong';
    else if (row.firstElementChild?.textContent !== formatTimestamp(logRows[i]!.ts)) return 'wrong';
  }
  return missing ? 'missing' : 'shown';
}

/**
 * Scrolls the table's grid one step per animation frame: three rows at a time (a brisk wheel or
 * trackpad), with a jump to a far-off part of the log every 20th frame (a dragged scrollbar). Times
 * each frame's work from the scroll through React's commit and layout, like `hover`.
 */
async function scroll(name: string, frames: number, fillFrames: number) {
  const c = cases[name]!;
  const { host, dispose } = await mountSettled(c);
  const grid = host.querySelector<HTMLElement>('[role="grid"]')!;
  const max = grid.scrollHeight - grid.clientHeight;
  const work: number[] = [];
  const intervals: number[] = [];
  let mismatches = 0;
  // Per jump, the frames until the rows in view were all mounted (1: in the jump's own frame): a
  // jump mounts a few rows per frame (ROWS_PER_FRAME), so in its first `fillFrames` frames a row in
  // view may be missing, not wrong; after them it is wrong.
  const fills: number[] = [];
  let jumpedAt = -1;
  let seed = 1;
  let top = 0;
  let last = await frame();
  for (let f = 0; f < frames; f++) {
    const now = await frame();
    intervals.push(now - last);
    last = now;
    if (f % 20 === 19) {
      seed = (seed * 48271) % 2147483647;
      top = Math.round(((seed / 2147483647) * max) / logRowHeight) * logRowHeight;
    } else top = top + 3 * logRowHeight > max ? 0 : top + 3 * logRowHeight;
    const t0 = performance.now();
    flushSync(() => {
      grid.scrollTop = top;
      grid.dispatchEvent(new Event('scroll'));
    });
    host.getBoundingClientRect();
    work.push(performance.now() - t0);
    if (f % 20 === 19) jumpedAt = f;
    const shown = rowsInView(grid);
    if (shown === 'wrong' || (shown === 'missing' && (jumpedAt < 0 || f - jumpedAt + 1 > fillFrames)))
      mismatches++;
    if (shown === 'shown' && jumpedAt >= 0) {
      fills.push(f - jumpedAt + 1);
      jumpedAt = -1;
    }
  }
  dispose();
  return { work, intervals, mismatches, fills };
}

declare global {
  interface Window {
    sightlineBench: {
      cases: string[];
      render: typeof render;
      hover: typeof hover;
      scroll: typeof scroll;
    };
  }
}

window.sightlineBench = { cases: Object.keys(cases), render, hover, scroll };
