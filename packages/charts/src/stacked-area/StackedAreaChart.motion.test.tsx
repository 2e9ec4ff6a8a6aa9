import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StackedAreaChart } from './StackedAreaChart';
import { resultsOverTime } from './fixtures';

/**
 * Stands in for the OS setting: `matchMedia` answers the reduced-motion query with `reduce`, and
 * `change(next)` flips it as the reader would, notifying every listener.
 */
function mockReducedMotion(reduce: boolean) {
  let matches = reduce;
  const listeners = new Set<() => void>();
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return matches && query.includes('prefers-reduced-motion: reduce');
    },
    media: query,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  }));
  return {
    change(next: boolean) {
      matches = next;
      act(() => listeners.forEach((listener) => listener()));
    },
  };
}

const bands = (container: HTMLElement) =>
  [...container.querySelectorAll<SVGPathElement>('[data-layer="areas"] path')].map((p) => p.style.transition);

const chart = <StackedAreaChart title="Logins" data={resultsOverTime(6)} width={600} height={240} />;

describe('StackedAreaChart motion', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fades the bands when the legend highlights a series, for readers without a preference', () => {
    mockReducedMotion(false);
    const { container } = render(chart);
    expect(bands(container)).toHaveLength(5);
    for (const transition of bands(container)) expect(transition).toContain('fill-opacity');
  });

  it('changes the bands without a transition when the reader prefers reduced motion', () => {
    mockReducedMotion(true);
    const { container } = render(chart);
    expect(bands(container)).toEqual(['', '', '', '', '']);
  });

  it('follows the preference when the reader changes it while the chart is shown', () => {
    const motion = mockReducedMotion(false);
    const { container } = render(chart);
    motion.change(true);
    expect(bands(container)).toEqual(['', '', '', '', '']);
    motion.change(false);
    for (const transition of bands(container)) expect(transition).toContain('fill-opacity');
  });
});
