import { describe, expect, it } from 'vitest';
import world from 'world-atlas/countries-110m.json';
import { GeoMap } from './GeoMap';
import type { WorldTopology } from './topology';
import { hydrateServerHtml } from '../shared/test-support';

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
    const { container, errors, logged, serverHtml } = await hydrateServerHtml(element);
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    expect(container.querySelectorAll('path').length).toBe(serverHtml.match(/<path/g)?.length);
    container.remove();
  });
});
