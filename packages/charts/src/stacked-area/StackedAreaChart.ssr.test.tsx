// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StackedAreaChart } from './StackedAreaChart';
import { resultsOverTime } from './fixtures';

// Rendered where a server renders: no window, no document. A `window` access during render throws
// here, and the server branches of useSize and usePrefersReducedMotion are the ones that run.
// Hydration needs a DOM and is checked in StackedAreaChart.test.tsx.

const data = resultsOverTime();
const bands = (html: string) => html.match(/<path\b[^>]*\sdata-series="[^"]*"[^>]*>/g) ?? [];

describe('StackedAreaChart rendered on a server', () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders a band per series, axes and ticks into an SVG of the default size', () => {
    const html = renderToString(<StackedAreaChart title="Results" data={data} timeZone="Europe/Berlin" />);
    const svg = html.match(/<svg\b[^>]*\srole="group"[^>]*>/)?.[0];
    expect(svg).toContain('width="640"');
    expect(svg).toContain('height="320"');
    expect(svg).toContain('viewBox="0 0 640 320"');
    const paths = bands(html);
    expect(paths.map((p) => p.match(/data-series="([^"]*)"/)?.[1])).toEqual(data.series);
    // Closed areas with a point for each of the 72 hourly buckets along the top and the bottom.
    for (const path of paths) {
      const d = path.match(/\sd="([^"]+)"/)?.[1] ?? '';
      expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+Z$/);
      expect(d.split(/[ML]/).length - 1).toBe(2 * 72);
    }
    expect(html.match(/<g\b[^>]*\sdata-tick="/g)?.length).toBeGreaterThan(1);
  });

  it('draws the bands without transitions, as for a reader who prefers reduced motion', () => {
    const html = renderToString(<StackedAreaChart title="Results" data={data} />);
    for (const path of bands(html)) expect(path).not.toContain('transition');
  });
});
