import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import type axe from 'axe-core';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const STORYBOOK_STATIC = `${ROOT}/storybook-static`;

/** Newest modification time of any file under the directories, in ms. */
function newestChange(dirs: readonly string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * The Storybook static build, as `npm run storybook:build` writes it. scripts/test.sh builds it before
 * Vitest runs; a test file run on its own builds it when it is missing or older than the charts and
 * Storybook configuration, rather than checking nothing or yesterday's code. It runs while the file
 * is collected, not in beforeAll, because the tests are named after the stories its index lists.
 */
export function ensureStorybookBuild(): string {
  const index = `${STORYBOOK_STATIC}/index.json`;
  const sources = [`${ROOT}/packages/charts/src`, `${ROOT}/.storybook`];
  if (!existsSync(index) || statSync(index).mtimeMs < newestChange(sources)) {
    execFileSync('npm', ['run', '--silent', 'storybook:build'], { cwd: ROOT, stdio: 'inherit' });
  }
  return STORYBOOK_STATIC;
}

export interface StoryEntry {
  id: string;
  title: string;
  name: string;
}

/** Every story in the build (docs pages left out), from its index.json. */
export function storiesIn(dir: string): StoryEntry[] {
  const index = JSON.parse(readFileSync(`${dir}/index.json`, 'utf8')) as {
    entries: Record<string, StoryEntry & { type: string }>;
  };
  return Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .map(({ id, title, name }) => ({ id, title, name }));
}

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves a directory on a free loopback port. */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const app = new Hono();
  app.use('/*', serveStatic({ root: relative(process.cwd(), dir) || '.' }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Theme = 'light' | 'dark';

/**
 * A story alone in the preview iframe. The theme is the decorator's `theme` global (the toolbar's
 * switch), so stories that pin their own theme keep it, as they do in Storybook. The a11y addon's own
 * axe run after each render is switched off (its `manual` global): only one axe run may be in flight
 * on a page, and the one that counts here is the repository's axe-core with every rule on.
 */
export function storyUrl(base: string, id: string, theme: Theme): string {
  const globals = `theme:${theme};a11y.manual:!true`;
  return `${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=${globals}`;
}

/** What each chart state shows inside its figure; waiting for it means the story has really drawn. */
const drawn = {
  // `[data-drawn]` marks what a story draws itself inside a ChartFrame (the connected hooks' stories).
  ready: 'svg[role="group"], [role="grid"], dl [data-figure], table.sl-ranked, [data-drawn]',
  loading: '[role="status"]',
  empty: '[role="status"]',
  error: '[role="alert"]',
} as const;

/** Opens a story and waits until its chart has drawn and every finite animation has finished. */
export async function openStory(page: Page, base: string, id: string, theme: Theme): Promise<void> {
  await page.goto(storyUrl(base, id, theme));
  await page.waitForFunction(
    (content) => {
      const figure = document.querySelector<HTMLElement>('#storybook-root figure.sl-chart[data-status]');
      const selector = figure && content[figure.dataset.status as keyof typeof content];
      return !!selector && !!figure.querySelector(selector);
    },
    drawn,
    { timeout: 60_000 },
  );
  await settle(page);
}

/** Waits for transitions (hover fades, zooms) to end, so contrast is measured on final colours. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise(requestAnimationFrame);
    const finite = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

const require = createRequire(import.meta.url);
const axeVersion = (require('axe-core/package.json') as { version: string }).version;
// Kept under its own name, so a copy of axe that Storybook's bundle may load cannot replace it.
const axeSource = `${readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')}
window.slAxe = window.axe;`;

declare global {
  interface Window {
    axe: typeof axe;
    slAxe?: typeof axe;
  }
}

/** One failing node, as the failure message lists it. */
export interface Finding {
  rule: string;
  target: string;
  summary: string;
}

/**
 * Runs axe-core in the page with every rule it has switched on, experimental ones and colour contrast
 * included, over the story root. The one rule left off is AAA's enhanced contrast (7:1): the target is
 * WCAG 2.2 AA, and at 7:1 muted text could no longer be told from body text. Page-level rules (a main landmark, a level-one heading) judge the
 * host page, which here is Storybook's, so the context is the story root, as Storybook's panel uses.
 */
export async function axeFindings(page: Page, context = '#storybook-root'): Promise<Finding[]> {
  if (!(await page.evaluate(() => !!window.slAxe))) await page.addScriptTag({ content: axeSource });
  const results: axe.AxeResults = await page.evaluate(
    async ([selector, version]) => {
      const engine = window.slAxe!;
      if (engine.version !== version) throw new Error(`axe ${engine.version} in the page, not ${version}`);
      const rules = Object.fromEntries(
        engine
          .getRules()
          .map((rule) => [rule.ruleId, { enabled: rule.ruleId !== 'color-contrast-enhanced' }]),
      );
      const options: axe.RunOptions = { rules, resultTypes: ['violations'] };
      return engine.run(selector, options);
    },
    [context, axeVersion] as const,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      rule: violation.id,
      target: node.target.join(' '),
      summary: node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? violation.help,
    })),
  );
}

const channels = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);

/** An `rgb()`/`rgba()` colour painted over an opaque one, as the opaque `rgb()` that shows. */
export function blend(over: string, under: string): string {
  const [r = 0, g = 0, b = 0, a = 1] = channels(over);
  const [ur = 0, ug = 0, ub = 0] = channels(under);
  const mix = (f: number, u: number) => Math.round(f * a + u * (1 - a));
  return `rgb(${mix(r, ur)}, ${mix(g, ug)}, ${mix(b, ub)})`;
}

/** WCAG relative-luminance contrast of an `rgb()`/`rgba()` colour drawn on an opaque `rgb()` one. */
export function contrastRatio(foreground: string, background: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, b = 0] = channels(css);
    const linear = (c: number) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const l1 = luminance(blend(foreground, background));
  const l2 = luminance(background);
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}
