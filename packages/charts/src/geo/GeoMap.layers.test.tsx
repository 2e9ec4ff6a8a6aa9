import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import world from 'world-atlas/countries-110m.json';
import { GeoMap } from './GeoMap';
import { sequentialColors } from './ramp';
import type { WorldTopology } from './topology';
import type { GeoRow } from './types';

const topology = world as unknown as WorldTopology;
const colors = sequentialColors(5);

const countries: GeoRow[] = [
  { key: 'US', value: 1000 },
  { key: 'FR', value: 420 },
  { key: 'DE', value: 130 },
];
const points: GeoRow[] = [
  { key: '5/16/10', value: 400, lat: 48.85, lon: 2.35, label: 'Paris' },
  { key: '5/9/12', value: 100, lat: 40.7, lon: -74, label: 'New York' },
];

function renderMap(extra: Partial<Parameters<typeof GeoMap<GeoRow>>[0]> = {}) {
  return render(
    <GeoMap
      title="Logins"
      rows={countries}
      points={points}
      topology={topology}
      width={800}
      height={400}
      {...extra}
    />,
  );
}

const option = (name: RegExp) => screen.getByRole('option', { name });
const follows = (later: Element, earlier: Element) =>
  Boolean(earlier.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('GeoMap with points over the choropleth', { timeout: 30_000 }, () => {
  it('colours countries by class and draws the points as bubbles above them', () => {
    renderMap();
    expect(option(/United States/).tagName).toBe('path');
    expect(option(/United States/)).toHaveAttribute('fill', colors[4]);
    expect(option(/Germany/)).toHaveAttribute('fill', colors[0]);
    const paris = option(/Paris/);
    expect(paris.tagName).toBe('circle');
    // Later in the document paints above: every bubble over every country.
    for (const country of [option(/United States/), option(/France/), option(/Germany/)]) {
      expect(follows(paris, country)).toBe(true);
      expect(follows(option(/New York/), country)).toBe(true);
    }
    // Bubbles do not wear a class colour, which would melt into a country of the same class.
    expect(colors).not.toContain(paris.getAttribute('fill'));
    expect(screen.getByRole('img', { name: 'Chad: no data' })).toBeInTheDocument();
  });

  it('names the classes, "No data" and the point layer in the legend', () => {
    renderMap({ pointsLabel: 'Login locations' });
    const legend = screen.getByRole('list', { name: /colour scale/ });
    const entries = within(legend).getAllByRole('listitem');
    // Three countries with three values: one class each.
    expect(entries.map((entry) => entry.textContent)).toEqual([
      '130 – 419',
      '420 – 999',
      '1,000',
      'No data',
      'Login locations',
    ]);
    expect(entries[4]?.querySelector('svg rect')?.getAttribute('fill')).toMatch(/^url\(#.+-point\)$/);
  });

  it('keeps one tab stop and walks the countries, then the bubbles', async () => {
    const user = userEvent.setup();
    renderMap();
    const tabbable = screen.getAllByRole('option').filter((el) => el.getAttribute('tabindex') === '0');
    expect(tabbable).toHaveLength(1);
    await user.tab();
    expect(option(/United States/)).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(option(/Germany/)).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(option(/Paris/)).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent('Paris: 400');
    await user.keyboard('{End}');
    expect(option(/New York/)).toHaveFocus();
  });

  it('shows a tooltip for a country and for a bubble', async () => {
    const user = userEvent.setup();
    renderMap();
    await user.hover(option(/France/));
    expect(screen.getByRole('tooltip')).toHaveTextContent('France: 420');
    await user.hover(option(/New York/));
    expect(screen.getByRole('tooltip')).toHaveTextContent('New York: 100');
  });

  it('lists countries, then points, with their layer, in the hidden table', () => {
    renderMap({ pointsLabel: 'Login locations', valueLabel: 'Logins' });
    const table = screen.getByRole('table');
    const [header, ...body] = within(table).getAllByRole('row');
    expect(
      within(header!)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Place', 'Layer', 'Logins']);
    expect(
      // The place is each row's header cell.
      body.map((row) => [...row.children].map((c) => c.textContent)),
    ).toEqual([
      ['United States of America', 'Country', '1,000'],
      ['France', 'Country', '420'],
      ['Germany', 'Country', '130'],
      ['Paris', 'Login locations', '400'],
      ['New York', 'Login locations', '100'],
    ]);
  });

  it('calls onSelect with the country code or the point’s own key, and its row', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    renderMap({ onSelect });
    await user.click(option(/France/));
    expect(onSelect).toHaveBeenLastCalledWith('FR', countries[1]);
    await user.click(option(/Paris/));
    expect(onSelect).toHaveBeenLastCalledWith('5/16/10', points[0]);
    await user.keyboard('{End}{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('5/9/12', points[1]);
  });

  it('keeps a point keyed like a country apart from that country', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    const lyon = { key: 'FR', value: 50, lat: 45.76, lon: 4.84, label: 'Lyon' };
    renderMap({ onSelect, points: [lyon], selected: 'FR' });
    expect(option(/France/)).toHaveAttribute('aria-selected', 'true');
    expect(option(/Lyon/)).toHaveAttribute('aria-selected', 'false');
    await user.click(option(/Lyon/));
    expect(onSelect).toHaveBeenLastCalledWith('FR', lyon);
    await user.hover(option(/Lyon/));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Lyon: 50');
  });

  it('marks a selected point', () => {
    renderMap({ selected: '5/9/12' });
    expect(option(/New York/)).toHaveAttribute('aria-selected', 'true');
    expect(option(/United States/)).toHaveAttribute('aria-selected', 'false');
  });

  it('re-renders only the tooltip on hover: no other mark’s value is formatted again', async () => {
    const format = vi.fn((value: number) => String(value));
    const user = userEvent.setup();
    renderMap({ formatValue: format });
    format.mockClear();
    await user.hover(option(/France/));
    await user.hover(option(/Paris/));
    expect(new Set(format.mock.calls.map(([value]) => value))).toEqual(new Set([420, 400]));
  });

  it('ignores points in grid mode, whose rows already are the bubbles', () => {
    render(
      <GeoMap
        title="Cells"
        mode="grid"
        rows={points}
        points={[{ key: 'x', value: 1, lat: 0, lon: 0, label: 'Null Island' }]}
        topology={topology}
        width={800}
        height={400}
      />,
    );
    expect(screen.getAllByRole('option')).toHaveLength(2);
    expect(screen.queryByRole('option', { name: /Null Island/ })).toBeNull();
  });
});
