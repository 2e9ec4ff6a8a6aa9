/**
 * Chart rendering benchmark in headless Chromium: Sightline against Recharts and visx fed the same
 * data (donut with 50 slices, stacked area 20 series × 2,000 points), plus the map (every country,
 * 5,000 bubbles) and the log table (100k rows: time to first rows, and frames while scrolling it).
 * Hover frames are timed on the stacked area, the donuts and the maps.
 * `npm run bench -- charts [--runs N] [--frames N] [--only <case substring>]`.
 * Writes bench/results/charts.json and bench/results/charts.md.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { build } from 'vite';
import { launchChromium } from '../test/e2e/support/browser';
import { pureD3 } from '../packages/charts/pureD3';
import { workspaceSources } from '../scripts/source-condition';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const outDir = join(repo, '.cache/bench-charts');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 15);
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;
const frames = arg('frames', 180);
/** A jump's rows in view are all mounted within this many frames (50 ms at 60 Hz): a few per frame. */
const JUMP_FILL_FRAMES = 3;

await build({
  root: join(here, 'charts-page'),
  base: './',
  logLevel: 'warn',
  mode: 'production',
  // The charts import the workspace's schema, which a fresh checkout has not built: read its sources.
  plugins: [workspaceSources(), pureD3()],
  build: { outDir, emptyOutDir: true, target: 'es2022' },
});

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
const server = createServer(async (req, res) => {
  try {
    const path = join(
      outDir,
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'),
    );
    if (!path.startsWith(outDir)) throw new Error('outside');
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

// Installed by the project's script when missing, which prints where.
process.env.CHROMIUM_PATH ??= execFileSync('bash', [join(repo, 'scripts/chromium.sh')])
  .toString()
  .trim();
const browser = await launchChromium();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const r1 = (n: number) => Math.round(n * 10) / 10;

interface FrameStats {
  frames: number;
  workMedianMs: number;
  workP95Ms: number;
  workMaxMs: number;
  framesOver16Ms: number;
  intervalMedianMs: number;
  intervalMaxMs: number;
}

/** Per-frame work and animation-frame intervals of a hover or scroll sweep, summarised. */
const frameStats = (work: number[], intervals: number[]): FrameStats => ({
  frames: work.length,
  workMedianMs: r1(median(work)),
  workP95Ms: r1(pct(work, 0.95)),
  workMaxMs: r1(Math.max(...work)),
  framesOver16Ms: work.filter((w) => w > 16).length,
  intervalMedianMs: r1(median(intervals)),
  intervalMaxMs: r1(Math.max(...intervals)),
});

try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForFunction(() => !!window.sightlineBench);
  const cases = (await page.evaluate(() => window.sightlineBench.cases)).filter(
    (c) => !only || c.includes(only),
  );

  const render: Record<
    string,
    { runs: number; drawnMedianMs: number; drawnP95Ms: number; paintedMedianMs: number }
  > = {};
  // Runs go round-robin over the cases of each chart (donut, area, …) after a warm-up round. Measured
  // one case after another, the first case in the fresh page also paid for warming up React's own
  // code, which the cases after it reused: the donut measured first took about twice as long as the
  // same donut measured second.
  const renderOnce = (name: string, measured: number, warmups: number) =>
    page.evaluate(([n, k, w]) => window.sightlineBench.render(n as string, k as number, w as number), [
      name,
      measured,
      warmups,
    ] as const);
  const groups = [...new Set(cases.map((name) => name.split('/')[0]!))];
  for (const group of groups) {
    const members = cases.filter((name) => name.split('/')[0] === group);
    const drawn = new Map(members.map((name) => [name, [] as number[]]));
    const painted = new Map(members.map((name) => [name, [] as number[]]));
    for (const name of members) await renderOnce(name, 0, 1);
    for (let run = 0; run < runs; run++)
      for (const name of members) {
        const r = await renderOnce(name, 1, 0);
        drawn.get(name)!.push(...r.drawn);
        painted.get(name)!.push(...r.painted);
      }
    for (const name of members) {
      render[name] = {
        runs,
        drawnMedianMs: r1(median(drawn.get(name)!)),
        drawnP95Ms: r1(pct(drawn.get(name)!, 0.95)),
        paintedMedianMs: r1(median(painted.get(name)!)),
      };
      console.log(
        `render ${name}: drawn ${render[name].drawnMedianMs} ms (median), painted ${render[name].paintedMedianMs} ms`,
      );
    }
  }

  const hover: Record<string, FrameStats & { tooltipShown: boolean; framesWithTooltip: number }> = {};
  const hoverCases = [
    'area/sightline',
    'area/recharts',
    'donut/sightline',
    'donut/recharts',
    'geo/sightline-countries',
    'geo/sightline-5000-bubbles',
  ];
  for (const name of hoverCases.filter((c) => !only || c.includes(only))) {
    const h = await page.evaluate(([n, f]) => window.sightlineBench.hover(n as string, f as number), [
      name,
      frames,
    ] as const);
    hover[name] = {
      ...frameStats(h.work, h.intervals),
      tooltipShown: h.tooltipFrames > 0,
      framesWithTooltip: h.tooltipFrames,
    };
    console.log(
      `hover ${name}: work median ${hover[name].workMedianMs} ms, max ${hover[name].workMaxMs} ms, over 16 ms: ${hover[name].framesOver16Ms}/${frames}`,
    );
  }

  const scroll: Record<
    string,
    FrameStats & { framesShowingWrongRows: number; jumpFilledInFrames: { median: number; max: number } }
  > = {};
  for (const name of ['table/sightline-100k-rows'].filter((c) => !only || c.includes(only))) {
    const s = await page.evaluate(
      ([n, f, j]) => window.sightlineBench.scroll(n as string, f as number, j as number),
      [name, frames, JUMP_FILL_FRAMES] as const,
    );
    scroll[name] = {
      ...frameStats(s.work, s.intervals),
      framesShowingWrongRows: s.mismatches,
      jumpFilledInFrames: {
        median: [...s.fills].sort((a, b) => a - b)[Math.floor((s.fills.length - 1) / 2)] ?? 0,
        max: Math.max(0, ...s.fills),
      },
    };
    console.log(
      `scroll ${name}: work median ${scroll[name].workMedianMs} ms, max ${scroll[name].workMaxMs} ms, over 16 ms: ${scroll[name].framesOver16Ms}/${frames}, wrong rows: ${s.mismatches}`,
    );
  }

  const speedup = (a: string, b: string) =>
    r1((render[b]?.drawnMedianMs ?? NaN) / (render[a]?.drawnMedianMs ?? NaN));
  const summary = {
    donutVsRecharts: speedup('donut/sightline', 'donut/recharts'),
    areaVsRecharts: speedup('area/sightline', 'area/recharts'),
    donutVsVisx: speedup('donut/sightline', 'donut/visx'),
    areaVsVisx: speedup('area/sightline', 'area/visx'),
  };
  const targets = {
    renderAtLeast2xFasterThanRecharts: summary.donutVsRecharts >= 2 && summary.areaVsRecharts >= 2,
    noHoverFrameOver16Ms: hover['area/sightline']?.framesOver16Ms === 0,
    noScrollFrameOver16Ms:
      scroll['table/sightline-100k-rows']?.framesOver16Ms === 0 &&
      scroll['table/sightline-100k-rows'].framesShowingWrongRows === 0 &&
      scroll['table/sightline-100k-rows'].jumpFilledInFrames.max <= JUMP_FILL_FRAMES,
  };
  const version = await browser.version();
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      load: os.loadavg().map(r1),
      chromium: version,
      node: process.version,
    },
    method:
      'Production Vite build in headless Chromium. Render: createRoot + flushSync render until the chart is fully drawn (MutationObserver on the expected number of marks) and laid out; "painted" adds the next animation frame; runs alternate between the cases of a chart (round-robin) after one warm-up render of each. Hover: one pointer step per animation frame, time from dispatch through React commit and layout, including the task in which React renders updates from pointermove (flushSync does not flush those); on the stacked area a pointermove sent to the plot, swept left to right across its middle; on the donuts one turn around the middle of the ring and on the maps left to right through the band (a twentieth of the height) where most of the map items have their centre, each step sent to the element under the pointer with pointerout/over on entering it, as a browser does. Scroll: the table grid scrolled by three rows per animation frame with a jump to a random offset every 20th frame, time from setting scrollTop and dispatching scroll through React commit and layout; after each frame the rows in view are checked against the offset: a row at the wrong place or with the wrong record is wrong, a row not yet mounted is wrong unless a jump is still mounting its rows (a few per frame), and the frames until a jump\'s rows are all there are counted.',
    render,
    hover,
    scroll,
    summary,
    targets,
  };
  await mkdir(join(here, 'results'), { recursive: true });
  await writeFile(join(here, 'results/charts.json'), `${JSON.stringify(result, null, 2)}\n`);

  const rows = Object.entries(render).map(
    ([name, r]) => `| ${name} | ${r.drawnMedianMs} | ${r.drawnP95Ms} | ${r.paintedMedianMs} |`,
  );
  const mark = (met: boolean) => (met ? '✓' : '✗');
  const hoverRows = Object.entries(hover).map(
    ([name, h]) =>
      `| ${name} | ${h.workMedianMs} | ${h.workP95Ms} | ${h.workMaxMs} | ${h.framesOver16Ms}/${h.frames} | ${mark(h.framesOver16Ms === 0)} | ${h.intervalMedianMs} | ${h.intervalMaxMs} | ${h.framesWithTooltip}/${h.frames} |`,
  );
  const scrollRows = Object.entries(scroll).map(
    ([name, s]) =>
      `| ${name} | ${s.workMedianMs} | ${s.workP95Ms} | ${s.workMaxMs} | ${s.framesOver16Ms}/${s.frames} | ${s.intervalMedianMs} | ${s.intervalMaxMs} | ${s.framesShowingWrongRows}/${s.frames} | ${s.jumpFilledInFrames.median} / ${s.jumpFilledInFrames.max} |`,
  );
  const md = `# Chart benchmark

${result.date} · ${result.machine.cpus} × ${result.machine.cpu} · load ${result.machine.load.join(' ')} · Chromium ${version} · Node ${process.version}

${result.method}

## Render (ms, ${runs} runs of each case, round-robin within a chart after a warm-up round)

| case | drawn, median | drawn, p95 | painted, median |
|---|---:|---:|---:|
${rows.join('\n')}

Sightline vs Recharts: donut ${summary.donutVsRecharts}× faster, stacked area ${summary.areaVsRecharts}× faster.
Sightline vs visx (bare shapes, no axes, legend, tooltip or accessibility): donut ${summary.donutVsVisx}×, area ${summary.areaVsVisx}×.

## Hover (${frames} frames, one pointer step each)

Stacked area (20 series × 2,000 points): moves sent to the plot, left to right across its middle. Donut (50 slices): one turn around the middle of the ring. Map (every country, or 5,000 bubbles): left to right through the band of its height holding the most items. On the donuts and maps each step goes to the element under the pointer, entering it as a browser would. Recharts handles pointer moves in the next animation frame, so its work is counted a frame late. The target is the stacked area's; the others are measurements against the same 16 ms frame.

| case | work median | p95 | max | frames over 16 ms | within 16 ms | rAF interval median | rAF interval max | frames with a tooltip |
|---|---:|---:|---:|---:|:---:|---:|---:|---:|
${hoverRows.join('\n')}

## Scrolling the log table (100k rows, ${frames} frames)

"First rows" is the table's render time above. Each frame scrolls three rows; every 20th jumps to a random offset.

| case | work median | p95 | max | frames over 16 ms | rAF interval median | rAF interval max | frames showing wrong rows | jump filled in frames: median / max |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${scrollRows.join('\n')}

Targets: render ≥ 2× faster than Recharts for donut and area: **${mark(targets.renderAtLeast2xFasterThanRecharts)}**; no hover frame over 16 ms: **${mark(targets.noHoverFrameOver16Ms)}**; no scroll frame over 16 ms, no frame showing a wrong row, a jump's rows all there within ${JUMP_FILL_FRAMES} frames: **${mark(targets.noScrollFrameOver16Ms)}**.
`;
  await writeFile(join(here, 'results/charts.md'), md);
  console.log(md);
} finally {
  await browser.close();
  server.close();
}
