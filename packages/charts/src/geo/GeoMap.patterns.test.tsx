import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import world from 'world-atlas/countries-110m.json';
import { GeoMap } from './GeoMap';
import { sequentialColors } from './ramp';
import type { WorldTopology } from './topology';
import { look, patternOf } from '../theme/test-support';

const topology = world as unknown as WorldTopology;
const colors = sequentialColors(5);

// Classes are 0–200, 200–400, 400–600, 600–800, 800–1000: one country in each.
const rows = [
  { key: 'US', value: 1000 },
  { key: 'CA', value: 700 },
  { key: 'FR', value: 420 },
  { key: 'DE', value: 230 },
  { key: 'BR', value: 0 },
];

function renderMap(patterns?: boolean) {
  return render(
    <GeoMap
      title="Logins by country"
      rows={rows}
      topology={topology}
      width={800}
      height={400}
      {...(patterns !== undefined ? { patterns } : {})}
    />,
  );
}

const countryFill = (name: RegExp) => screen.getByRole('option', { name }).getAttribute('fill');
const byClass = [/Brazil/, /Germany/, /France/, /Canada/, /United States/];

describe('GeoMap with pattern fills', { timeout: 30_000 }, () => {
  it('fills each colour class with its own pattern over the class colour', () => {
    const { container } = renderMap(true);
    const looks = byClass.map((name) => look(patternOf(container, countryFill(name))));
    expect(looks.map((l) => l.color)).toEqual(colors);
    // Neighbouring classes differ by shape as well as hue, for readers who cannot tell the hues apart.
    expect(new Set(looks.map((l) => l.mark)).size).toBe(5);
  });

  it('gives countries of the same class the same pattern', () => {
    render(
      <GeoMap
        title="Logins by country"
        rows={[...rows, { key: 'MX', value: 1000 }]}
        topology={topology}
        width={800}
        height={400}
        patterns
      />,
    );
    expect(countryFill(/Mexico/)).toBe(countryFill(/United States/));
  });

  it('keeps "no data" apart: no class wears the no-data hatch', () => {
    const { container } = renderMap(true);
    const chad = screen.getByRole('img', { name: 'Chad: no data' });
    const noDataFill = chad.getAttribute('fill') ?? chad.parentElement?.getAttribute('fill');
    const hatch = patternOf(container, noDataFill);
    expect(hatch).not.toBeNull();
    const classFills = byClass.map(countryFill);
    expect(classFills).not.toContain(noDataFill);
    // The hatch is a rotated line; no class pattern draws a single diagonal line like it.
    for (const fill of classFills) {
      const pattern = patternOf(container, fill);
      expect(pattern?.getAttribute('patternTransform')).toBeNull();
      expect(pattern?.innerHTML).not.toContain('M0,8 l8,-8');
    }
  });

  it('shows each class’s pattern in its legend swatch, and the hatch for no data', () => {
    renderMap(true);
    const legend = screen.getByRole('list', { name: /colour scale/ });
    const swatches = within(legend)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('svg rect')?.getAttribute('fill'));
    expect(swatches.slice(0, 5)).toEqual(byClass.map(countryFill));
    expect(swatches[5]).toMatch(/-no-data\)$/);
  });

  it('fills classes with plain colours and defines no class patterns by default', () => {
    const { container } = renderMap();
    expect(byClass.map(countryFill)).toEqual(colors);
    // Only the no-data hatch remains.
    expect(container.querySelectorAll('pattern')).toHaveLength(1);
  });

  it('gives two maps on one page patterns of their own', () => {
    const { container } = render(
      <>
        <GeoMap title="A" rows={rows} topology={topology} width={800} height={400} patterns />
        <GeoMap title="B" rows={rows} topology={topology} width={800} height={400} patterns />
      </>,
    );
    const ids = [...container.querySelectorAll('pattern')].map((p) => p.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });
});
