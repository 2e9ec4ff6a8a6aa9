// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DonutChart } from './DonutChart';
import { resultBreakdown } from './fixtures';

// Rendered where a server renders: no window, no document. A `window` access during render throws
// here, and the server branches of useSize and usePrefersReducedMotion are the ones that run.
// Hydration needs a DOM and is checked in DonutChart.test.tsx.

const slicePaths = (html: string) => html.match(/<path\b[^>]*\sdata-key="[^"]*"[^>]*>/g) ?? [];

describe('DonutChart rendered on a server', () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders one arc per slice into an SVG of the default width', () => {
    const html = renderToString(<DonutChart title="Results" data={resultBreakdown} height={260} />);
    const svg = html.match(/<svg\b[^>]*\srole="group"[^>]*>/)?.[0];
    expect(svg).toContain('width="640"');
    expect(svg).toContain('height="260"');
    expect(svg).toContain('viewBox="0 0 640 260"');
    const paths = slicePaths(html);
    expect(paths.map((p) => p.match(/data-key="([^"]*)"/)?.[1])).toEqual(resultBreakdown.map((d) => d.key));
    // Each slice is an outer arc and an inner arc: a real ring, not a placeholder.
    for (const path of paths) expect(path).toMatch(/\sd="M[-\d.]+,[-\d.]+A[^"]+A[^"]+Z"/);
    expect(html).toMatch(/<text\b[^>]*data-total=""[^>]*>56,696<\/text>/);
  });

  it('renders the pattern fills with the slices that use them', () => {
    const html = renderToString(<DonutChart title="Results" data={resultBreakdown} patterns />);
    const ids = [...html.matchAll(/<pattern\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(resultBreakdown.length);
    const fills = slicePaths(html).map((p) => p.match(/\sfill="url\(#([^)]+)\)"/)?.[1]);
    expect(fills).toEqual(ids);
  });
});
