import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import world from 'world-atlas/countries-110m.json';
import { GeoMap } from './GeoMap';
import type { WorldTopology } from './topology';

const topology = world as unknown as WorldTopology;
const rows = [
  { key: 'US', value: 1000 },
  { key: 'FR', value: 420 },
  { key: 'BR', value: 0 },
];

describe('GeoMap on the server', { timeout: 30_000 }, () => {
  it('renders a complete SVG map with every country path', () => {
    const html = renderToString(<GeoMap title="Logins by country" rows={rows} topology={topology} />);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const svg = doc.querySelector('svg[role="group"]');
    expect(svg).not.toBeNull();
    // Server default size: 640 × 320.
    expect(svg?.getAttribute('viewBox')).toBe('0 0 640 320');
    const paths = [...doc.querySelectorAll('path[data-key]')];
    expect(paths).toHaveLength(topology.objects.countries.geometries.length);
    expect(paths.every((p) => /^M[\d.-]+,[\d.-]+/.test(p.getAttribute('d') ?? ''))).toBe(true);
    expect(doc.querySelector('[role="option"][aria-label="France: 420"]')).not.toBeNull();
    expect(doc.querySelector('[role="img"][aria-label="Chad: no data"]')).not.toBeNull();
  });

  it('renders the loading state when the topology is to be loaded lazily', () => {
    const html = renderToString(<GeoMap title="Logins by country" rows={rows} />);
    expect(html).toContain('role="status"');
    expect(html).not.toContain('<path');
  });

  it('hydrates without recoverable errors', async () => {
    const element = <GeoMap title="Logins by country" rows={rows} topology={topology} onSelect={() => {}} />;
    const container = document.createElement('div');
    container.innerHTML = renderToString(element);
    document.body.append(container);
    const serverPaths = container.querySelectorAll('path').length;
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const errors: unknown[] = [];
    // Attribute mismatches are only logged, not thrown: watch the console too.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await act(async () => {
      hydrateRoot(container, element, { onRecoverableError: (error) => errors.push(error) });
    });
    expect(errors).toEqual([]);
    expect(logged.mock.calls.map((c) => String(c[0]).slice(0, 300))).toEqual([]);
    logged.mockRestore();
    expect(container.querySelectorAll('path').length).toBe(serverPaths);
    container.remove();
  });
});
