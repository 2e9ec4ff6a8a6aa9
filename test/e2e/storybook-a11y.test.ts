import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import {
  axeFindings,
  blend,
  contrastRatio,
  ensureStorybookBuild,
  openStory,
  serveDirectory,
  settle,
  storiesIn,
  type StaticServer,
  type Theme,
} from './support/storybook';

// The story check in packages/charts/src/stories.test.tsx runs axe in jsdom, which cannot paint, so
// colour contrast is off there. This file runs every rule on the built Storybook in real Chromium,
// in both themes, and in the states only interaction reaches: tooltips, focus rings, an expanded
// row, the open column menu and a brush selection.

const dir = ensureStorybookBuild();
const stories = storiesIn(dir);
const themes: Theme[] = ['light', 'dark'];

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveDirectory(dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  return browser.newPage({ viewport: { width: 1200, height: 900 } });
}

/** Findings as "rule on target (how to fix)" lines, so a failure names what to change. */
async function violations(page: Page, label: string): Promise<string[]> {
  const findings = await axeFindings(page);
  return findings.map((f) => `${label}: ${f.rule} on ${f.target} (${f.summary})`);
}

/** Presses Tab until focus is on an element matching the selector. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Moves the pointer onto a visible pixel of the element (a slice or country is rarely at its box's centre). */
async function hoverInside(page: Page, element: Locator): Promise<void> {
  const point = await element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 20; j++) {
        const x = box.left + (box.width * i) / 20;
        const y = box.top + (box.height * j) / 20;
        if (document.elementFromPoint(x, y) === node) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('no visible point inside the element');
  await page.mouse.move(point.x, point.y);
}

/**
 * Contrast of a focus indicator (an SVG stroke or a CSS outline) with what it is drawn on: the
 * backgrounds from the element out to the first opaque one, blended (a highlighted row's tint over
 * the grid). WCAG 1.4.11 asks 3:1 of the parts of a control needed to see its state; axe has no rule
 * for it.
 */
async function expectVisibleIndicator(page: Page, selector: string, property: 'stroke' | 'outline-color') {
  const found = await page.evaluate(
    ([s, p]) => {
      const element = document.querySelector(s);
      if (!element) return null;
      const backgrounds: string[] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const background = getComputedStyle(node).backgroundColor;
        if (/^rgba\(.*, 0\)$/.test(background)) continue;
        backgrounds.push(background);
        if (background.startsWith('rgb(')) break;
      }
      return { color: getComputedStyle(element).getPropertyValue(p), backgrounds };
    },
    [selector, property] as const,
  );
  expect(found, `${selector} is drawn`).not.toBeNull();
  const surface = found!.backgrounds.reduceRight((under, over) => blend(over, under), 'rgb(255, 255, 255)');
  const ratio = contrastRatio(found!.color, surface);
  expect(ratio, `${selector}: ${found!.color} on ${surface}`).toBeGreaterThanOrEqual(3);
}

describe.each(themes)('every story in the %s theme', (theme) => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
  });
  afterAll(() => page?.close());

  it('finds the stories in the build', () => {
    expect(stories.length).toBeGreaterThan(0);
  });

  // The 5,000-bubble map and the 100,000-row table take axe a minute each on a busy machine.
  const slow = { timeout: 300_000 };
  it.each(stories.map((s) => [s.id, s] as const))('%s has no axe violations', slow, async (_id, story) => {
    await openStory(page, server.url, story.id, theme);
    expect(await violations(page, `${story.title}/${story.name} (${theme})`)).toEqual([]);
  });
});

describe.each(themes)('interactive states in the %s theme', (theme) => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
  });
  afterAll(() => page?.close());

  const open = (id: string) => openStory(page, server.url, id, theme);

  it('donut: the tooltip on hover and on keyboard focus, and the focus ring', async () => {
    await open('charts-donutchart--auth-results');
    await hoverInside(page, page.locator('path[data-key="denied"]'));
    await page.getByRole('tooltip').waitFor();
    await settle(page);
    expect(await violations(page, `donut tooltip on hover (${theme})`)).toEqual([]);

    await page.mouse.move(0, 0);
    await tabTo(page, 'path[data-key]');
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-focus-ring]').waitFor();
    await page.getByRole('tooltip').waitFor();
    await settle(page);
    expect(await violations(page, `donut tooltip on focus (${theme})`)).toEqual([]);
    await expectVisibleIndicator(page, '[data-focus-ring]', 'stroke');
  });

  it('donut: a legend entry shows its keyboard focus', async () => {
    await open('charts-donutchart--selectable');
    await tabTo(page, '.sl-legend button');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    expect(await violations(page, `donut legend focus (${theme})`)).toEqual([]);
    await expectVisibleIndicator(page, '.sl-legend button:focus-visible', 'outline-color');
  });

  it('stacked area: the crosshair tooltip and the focus outline from the keyboard', async () => {
    await open('charts-stackedareachart--auth-results');
    await tabTo(page, '[role="application"]');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tooltip').waitFor();
    await settle(page);
    expect(await violations(page, `stacked area keyboard tooltip (${theme})`)).toEqual([]);
    await expectVisibleIndicator(page, 'rect[data-plot]', 'stroke');
  });

  it('stacked area: a keyboard brush selection', async () => {
    await open('charts-stackedareachart--brush-to-zoom');
    await tabTo(page, '[role="application"]');
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.locator('rect[data-brush]').waitFor();
    await settle(page);
    expect(await violations(page, `stacked area brush (${theme})`)).toEqual([]);
    await expectVisibleIndicator(page, 'rect[data-brush]', 'stroke');
  });

  it('map: the tooltip on hover, and the focus outline from the keyboard', async () => {
    await open('charts-geomap--failures-by-country');
    await hoverInside(page, page.locator('[role="option"][data-key="BR"]'));
    await page.getByRole('tooltip').waitFor();
    await settle(page);
    expect(await violations(page, `map tooltip on hover (${theme})`)).toEqual([]);

    await page.mouse.move(0, 0);
    await tabTo(page, '[role="option"]');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tooltip').waitFor();
    await settle(page);
    expect(await violations(page, `map keyboard focus (${theme})`)).toEqual([]);
    // The focused country's outline is the last mark of the overlay drawn above the countries.
    await expectVisibleIndicator(
      page,
      '.sl-geo g[aria-hidden="true"][pointer-events="none"] > :last-child',
      'stroke',
    );
  });

  it('log table: the keyboard-active row, an expanded row and the open column menu', async () => {
    await open('charts-logtable--auth-log');
    await tabTo(page, '[role="grid"]');
    await page.keyboard.press('ArrowDown');
    await settle(page);
    expect(await violations(page, `log table active row (${theme})`)).toEqual([]);
    const active = await page.getByRole('grid').getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    await expectVisibleIndicator(page, `[id="${active}"]`, 'outline-color');

    await page.keyboard.press('Enter');
    await page.locator('[role="row"][data-expanded="true"] dl').first().waitFor();
    await settle(page);
    expect(await violations(page, `log table expanded row (${theme})`)).toEqual([]);

    await page.getByText(/^Columns \(/).click();
    await page.getByRole('group', { name: 'Visible columns' }).waitFor();
    await settle(page);
    expect(await violations(page, `log table column menu (${theme})`)).toEqual([]);
  });
});
