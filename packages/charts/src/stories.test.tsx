/// <reference types="vite/client" />
import { render } from '@testing-library/react';
import { composeStories } from '@storybook/react-vite';
import type { Meta, StoryFn } from '@storybook/react-vite';
import axe from 'axe-core';

type StoryModule = { default: Meta } & Record<string, StoryFn>;

// Every story of every component in the package, including ones added later.
const modules = import.meta.glob<StoryModule>('./**/*.stories.tsx', { eager: true });

// jsdom does not lay out or paint, so axe cannot compute colours and reports every text node as
// "incomplete" or worse. Colour contrast is checked with every other rule, in both themes and in
// interactive states, on the Storybook build in real Chromium: test/e2e/storybook-a11y.test.ts.
// Only violations are collected: gathering passes for thousands of map and table nodes is what makes axe slow.
const axeOptions: axe.RunOptions = {
  rules: { 'color-contrast': { enabled: false } },
  resultTypes: ['violations'],
};

/** What a chart shows in place of its drawing in each state, besides its caption. */
const contentOf = {
  ready: 'svg[role="group"], [role="grid"], dl, table.sl-ranked',
  loading: '[role="status"]',
  empty: '[role="status"]',
  error: '[role="alert"]',
} as const;

/**
 * The chart's own root: the captioned figure ChartFrame renders, holding what its state shows. The
 * theme decorator's wrapper div does not count, so a story that renders no chart fails.
 */
function chartRoot(container: HTMLElement): HTMLElement | null {
  const figure = container.querySelector<HTMLElement>('figure.sl-chart[data-status]');
  const status = figure?.dataset.status;
  if (!figure || !status || !(status in contentOf)) return null;
  const caption = figure.querySelector('figcaption');
  const content = figure.querySelector(contentOf[status as keyof typeof contentOf]);
  return caption?.textContent && content ? figure : null;
}

/** Lets lazy chunks, effects and topology loading settle before checking. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe.each(Object.entries(modules))('%s', (_path, module) => {
  const stories = Object.entries(composeStories(module));

  it('has stories', () => {
    expect(stories.length).toBeGreaterThan(0);
  });

  // Testing Library unmounts after each test. Unmounting here too would, after a timeout, unmount
  // the next story while this one's axe run still finishes. The 5,000-bubble map takes axe over a
  // minute on a busy machine.
  it.each(stories)('%s renders and has no axe violations', { timeout: 300_000 }, async (_name, Story) => {
    const { container } = render(<Story />);
    await Story.play?.({ canvasElement: container });
    await settle();
    expect(chartRoot(container)).not.toBeNull();
    const results = await axe.run(container, axeOptions);
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(summary).toEqual([]);
  });
});
