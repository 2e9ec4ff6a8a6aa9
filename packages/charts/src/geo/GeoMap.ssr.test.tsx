// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import world from 'world-atlas/countries-110m.json';
import { GeoMap } from './GeoMap';
import type { WorldTopology } from './topology';

// Rendered where a server renders: no window, no document. A `window` access during render throws
// here, and the server branches of useSize and usePrefersReducedMotion are the ones that run.
// Hydration needs a DOM and is checked in GeoMap.hydrate.ssr.test.tsx.

const topology = world as unknown as WorldTopology;
const rows = [
  { key: 'US', value: 1000 },
  { key: 'FR', value: 420 },
  { key: 'BR', value: 0 },
];

/** The opening tags in the markup that carry the attribute, e.g. every `<path … data-key="…">`. */
const tagsWith = (html: string, tag: string, attribute: string) =>
  html.match(new RegExp(`<${tag}\\b[^>]*\\s${attribute}="[^"]*"[^>]*>`, 'g')) ?? [];

describe('GeoMap rendered on a server', { timeout: 30_000 }, () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders a complete SVG map at the default size with every country path', () => {
    const html = renderToString(<GeoMap title="Logins by country" rows={rows} topology={topology} />);
    // Server default size: 640 × 320.
    const map = tagsWith(html, 'svg', 'role').find((tag) => tag.includes('role="group"'));
    expect(map).toContain('viewBox="0 0 640 320"');
    const paths = tagsWith(html, 'path', 'data-key');
    expect(paths).toHaveLength(topology.objects.countries.geometries.length);
    for (const path of paths) expect(path).toMatch(/\sd="M[\d.-]+,[\d.-]+/);
    const labelled = (label: string) => paths.find((tag) => tag.includes(`aria-label="${label}"`));
    expect(labelled('France: 420')).toContain('role="option"');
    expect(labelled('Chad: no data')).toContain('role="img"');
  });

  it('renders points as bubbles over the choropleth, after every country', () => {
    const points = [
      { key: '5/16/10', value: 400, lat: 48.85, lon: 2.35, label: 'Paris' },
      { key: '5/9/12', value: 100, lat: 40.7, lon: -74, label: 'New York' },
    ];
    const html = renderToString(
      <GeoMap title="Logins by country" rows={rows} points={points} topology={topology} />,
    );
    const bubbles = tagsWith(html, 'circle', 'data-key');
    expect(bubbles.map((tag) => tag.match(/aria-label="([^"]*)"/)?.[1])).toEqual([
      'Paris: 400',
      'New York: 100',
    ]);
    for (const bubble of bubbles) expect(bubble).toMatch(/\scx="[\d.]+"[^>]*\sr="[\d.]+"/);
    // Later markup paints above: the first bubble comes after the last country.
    const lastCountry = tagsWith(html, 'path', 'data-key').at(-1) ?? '';
    expect(html.indexOf(bubbles[0] ?? '')).toBeGreaterThan(html.indexOf(lastCountry));
    expect(html).toContain('<th scope="col">Layer</th>');
  });

  it('renders without a zoom transition: the server assumes reduced motion', () => {
    const html = renderToString(<GeoMap title="Logins by country" rows={rows} topology={topology} />);
    const zoomLayer = tagsWith(html, 'g', 'data-layer').find((tag) => tag.includes('data-layer="zoom"'));
    expect(zoomLayer).toContain('transform:translate(0px, 0px) scale(1)');
    expect(zoomLayer).not.toContain('transition');
  });

  it('renders the loading state when the topology is to be loaded lazily', () => {
    const html = renderToString(<GeoMap title="Logins by country" rows={rows} />);
    expect(html).toContain('role="status"');
    expect(html).not.toContain('<path');
  });
});
