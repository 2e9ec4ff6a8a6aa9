import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GeoMap } from './GeoMap';
import { worldTopology } from './fixtures';

function mockReducedMotion(reduce: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: reduce && query.includes('reduce'),
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

const zoomIn = async () => {
  const user = userEvent.setup();
  render(
    <GeoMap
      title="Logins"
      rows={[{ key: 'FR', value: 3 }]}
      topology={worldTopology}
      width={600}
      height={300}
    />,
  );
  await user.click(screen.getByRole('button', { name: 'Zoom in' }));
  return screen.getByRole('option', { name: 'France: 3' }).closest<SVGGElement>('[data-layer="zoom"]')!;
};

describe('GeoMap motion', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('animates button zooms by default', async () => {
    mockReducedMotion(false);
    const layer = await zoomIn();
    expect(layer.style.transform).toContain('scale(1.5)');
    expect(layer.style.transition).toContain('transform');
  });

  it('jumps without a transition when the reader prefers reduced motion', async () => {
    mockReducedMotion(true);
    const layer = await zoomIn();
    expect(layer.style.transform).toContain('scale(1.5)');
    expect(layer.style.transition).toBe('');
  });
});
