/// <reference types="vite/client" />
import { render, cleanup } from '@testing-library/react';
import { composeStories } from '@storybook/react-vite';
import type { Meta, StoryFn } from '@storybook/react-vite';
import axe from 'axe-core';

type StoryModule = { default: Meta } & Record<string, StoryFn>;

// Every story of every component in the package, including ones added later.
const modules = import.meta.glob<StoryModule>('./**/*.stories.tsx', { eager: true });

// jsdom does not lay out or paint, so axe cannot compute colours and reports every text node as
// "incomplete" or worse; contrast is checked in Storybook's a11y panel in a real browser instead.
// Only violations are collected: gathering passes for thousands of map and table nodes is what makes axe slow.
const axeOptions: axe.RunOptions = {
  rules: { 'color-contrast': { enabled: false } },
  resultTypes: ['violations'],
};

/** Lets lazy chunks, effects and topology loading settle before checking. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe.each(Object.entries(modules))('%s', (_path, module) => {
  const stories = Object.entries(composeStories(module));

  it('has stories', () => {
    expect(stories.length).toBeGreaterThan(0);
  });

  it.each(stories)('%s renders and has no axe violations', { timeout: 60_000 }, async (_name, Story) => {
    const { container } = render(<Story />);
    await Story.play?.({ canvasElement: container });
    await settle();
    expect(container.querySelector('figure, [role="figure"], section, table, div')).not.toBeNull();
    const results = await axe.run(container, axeOptions);
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(summary).toEqual([]);
    cleanup();
  });
});
