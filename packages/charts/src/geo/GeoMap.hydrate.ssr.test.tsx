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

// Hydration needs a DOM, so this stays in jsdom; the server render itself is checked without one in
// GeoMap.ssr.test.tsx.
describe('GeoMap hydrating server HTML', { timeout: 30_000 }, () => {
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
