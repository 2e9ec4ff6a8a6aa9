import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import world from 'world-atlas/countries-110m.json';
import { GeoMap } from './GeoMap';
import { sequentialColors } from './ramp';
import type { WorldTopology } from './topology';
import { geoEqualEarth } from 'd3-geo';

const topology = world as unknown as WorldTopology;
const colors = sequentialColors(5);
const size = { width: 800, height: 400 };

const rows = [
  { key: 'US', value: 1000 },
  { key: 'FR', value: 420 },
  { key: 'DE', value: 130 },
  { key: 'BR', value: 0 },
  { key: 'SG', value: 55 },
];

function renderMap(extra: Partial<Parameters<typeof GeoMap>[0]> = {}) {
  return render(<GeoMap title="Logins by country" rows={rows} topology={topology} {...size} {...extra} />);
}

const option = (name: RegExp) => screen.getByRole('option', { name });

// Each test projects all 177 countries; a shared 2-core CI box needs headroom beyond 5 s.
describe('GeoMap, country mode', { timeout: 30_000 }, () => {
  it('colours each country with data by its class', () => {
    renderMap();
    // Quantile classes: five countries, five distinct values, one class each, the largest darkest.
    expect(option(/United States of America/)).toHaveAttribute('data-bucket', '4');
    expect(option(/United States of America/)).toHaveAttribute('fill', colors[4]);
    expect(option(/France/)).toHaveAttribute('data-bucket', '3');
    expect(option(/France/)).toHaveAttribute('fill', colors[3]);
    expect(option(/Germany/)).toHaveAttribute('fill', colors[2]);
    expect(
      within(screen.getByRole('list', { name: /colour scale/ }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['0 – 54', '55 – 129', '130 – 419', '420 – 999', '1,000', 'No data']);
    expect(screen.getAllByRole('option')).toHaveLength(4);
  });

  it('tells zero apart from no data', () => {
    renderMap();
    const brazil = option(/Brazil/);
    expect(brazil).toHaveAccessibleName('Brazil: 0');
    expect(brazil).toHaveAttribute('fill', colors[0]);
    const chad = screen.getByRole('img', { name: 'Chad: no data' });
    expect(chad.getAttribute('fill') ?? chad.parentElement?.getAttribute('fill')).toMatch(/^url\(#/);
    expect(chad.getAttribute('fill') ?? chad.parentElement?.getAttribute('fill')).not.toBe(colors[0]);
    expect(screen.getByRole('list', { name: /colour scale/ })).toHaveTextContent('No data');
  });

  it('lists every row, including countries too small to draw, in the hidden table', () => {
    renderMap();
    const table = screen.getByRole('table');
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent);
    expect(cells).toEqual(['United States of America1,000', 'France420', 'Germany130', 'Brazil0', 'SG55']);
  });

  it('moves one tab stop across countries with arrows and selects with Enter', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    renderMap({ onSelect });
    const tabbable = screen.getAllByRole('option').filter((el) => el.getAttribute('tabindex') === '0');
    expect(tabbable).toHaveLength(1);
    await user.tab();
    expect(option(/United States/)).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(option(/France/)).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(option(/Brazil/)).toHaveFocus();
    await user.keyboard('{ArrowLeft}{Enter}');
    expect(onSelect).toHaveBeenCalledWith('DE', { key: 'DE', value: 130 });
    await user.keyboard('{End}');
    expect(option(/Brazil/)).toHaveFocus();
  });

  it('selects on click and marks the selected country', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    renderMap({ onSelect, selected: 'fr' });
    expect(option(/France/)).toHaveAttribute('aria-selected', 'true');
    expect(option(/Germany/)).toHaveAttribute('aria-selected', 'false');
    await user.click(option(/Germany/));
    expect(onSelect).toHaveBeenCalledWith('DE', { key: 'DE', value: 130 });
  });

  it('opens a country on click or Enter when it can be opened, and selects it with Space', async () => {
    const onSelect = vi.fn();
    const onOpen = vi.fn();
    const user = userEvent.setup();
    renderMap({ onSelect, onOpen });
    await user.click(option(/Germany/));
    expect(onOpen).toHaveBeenLastCalledWith('DE', { key: 'DE', value: 130 });
    await user.keyboard('{ArrowLeft}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith('FR', { key: 'FR', value: 420 });
    await user.keyboard(' ');
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenCalledWith('FR', { key: 'FR', value: 420 });
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('shows a tooltip with the value, "0" or "no data"', async () => {
    const user = userEvent.setup();
    renderMap();
    await user.hover(option(/France/));
    expect(screen.getByRole('tooltip')).toHaveTextContent('France: 420');
    await user.hover(option(/Brazil/));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Brazil: 0');
    await user.hover(screen.getByRole('img', { name: 'Canada: no data' }));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Canada: no data');
    await user.unhover(screen.getByRole('img', { name: 'Canada: no data' }));
    fireEvent.pointerLeave(screen.getByRole('group', { name: /map/ }));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('re-renders only the tooltip on hover: no other country’s value is formatted again', async () => {
    const format = vi.fn((value: number) => String(value));
    const user = userEvent.setup();
    renderMap({ formatValue: format });
    format.mockClear();
    await user.hover(option(/France/));
    await user.hover(option(/Germany/));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Germany: 130');
    expect(new Set(format.mock.calls.map(([value]) => value))).toEqual(new Set([420, 130]));
  });

  it('shows the tooltip for the keyboard-focused country', async () => {
    const user = userEvent.setup();
    renderMap();
    await user.tab();
    expect(screen.getByRole('tooltip')).toHaveTextContent('United States of America: 1,000');
  });

  it('zooms with + / - keys and the buttons, and resets with 0', async () => {
    const user = userEvent.setup();
    renderMap();
    const layer = () => option(/France/).closest<SVGGElement>('[data-layer="zoom"]')!;
    expect(layer().style.transform).toContain('scale(1)');
    await user.tab();
    await user.keyboard('+');
    expect(layer().style.transform).toContain('scale(1.5)');
    await user.keyboard('0');
    expect(layer().style.transform).toContain('scale(1)');
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(layer().style.transform).toContain('scale(2.25)');
    await user.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(layer().style.transform).toContain('scale(1.5)');
    expect(screen.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
  });

  it('pans with Shift and the arrows, keeping focus on the country', async () => {
    const user = userEvent.setup();
    renderMap();
    const layer = () => option(/France/).closest<SVGGElement>('[data-layer="zoom"]')!;
    await user.tab();
    await user.keyboard('+');
    const zoomed = layer().style.transform;
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    expect(option(/United States/)).toHaveFocus();
    expect(layer().style.transform).not.toBe(zoomed);
    await user.keyboard('{ArrowRight}');
    expect(option(/France/)).toHaveFocus();
  });

  it('renders loading, empty and error states', () => {
    const { rerender } = renderMap({ loading: true });
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    rerender(<GeoMap title="Logins" rows={[]} topology={topology} {...size} />);
    expect(screen.getByRole('status')).toHaveTextContent('No data');
    rerender(
      <GeoMap title="Logins" rows={rows} topology={topology} {...size} error={new Error('ES down')} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('ES down');
  });

  it('loads the topology lazily when none is passed', async () => {
    const load = vi.fn(() => Promise.resolve(topology));
    render(<GeoMap title="Logins" rows={rows} loadTopology={load} {...size} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    expect(await screen.findByRole('option', { name: /France/ })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows an error when the topology fails to load', async () => {
    render(
      <GeoMap
        title="Logins"
        rows={rows}
        loadTopology={() => Promise.reject(new Error('offline'))}
        {...size}
      />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('offline');
  });
});

describe('GeoMap, grid mode', { timeout: 30_000 }, () => {
  const cells = [
    { key: '3/4/2', value: 400, lat: 48.85, lon: 2.35, label: 'Paris area' },
    { key: '3/2/3', value: 100, lat: 40.7, lon: -74 },
    { key: '3/7/3', value: 0, lat: 35.7, lon: 139.7 },
  ];

  it('draws bubbles at projected positions with square-root radii', () => {
    render(<GeoMap title="Cells" mode="grid" rows={cells} topology={topology} maxRadius={20} {...size} />);
    // The map's projection must agree with d3's own Equal Earth fitted to the same box.
    const projection = geoEqualEarth().fitExtent(
      [
        [4, 4],
        [size.width - 4, size.height - 4],
      ],
      { type: 'Sphere' },
    );
    const paris = option(/Paris area/);
    const [px, py] = projection([2.35, 48.85])!;
    expect(Number(paris.getAttribute('cx'))).toBeCloseTo(px, 1);
    expect(Number(paris.getAttribute('cy'))).toBeCloseTo(py, 1);
    expect(Number(paris.getAttribute('r'))).toBeCloseTo(20, 5);
    // 100 is a quarter of 400, so its radius is half.
    expect(Number(option(/40\.7° N, 74\.0° W/).getAttribute('r'))).toBeCloseTo(10, 5);
    // Zero stays visible (a hollow ring) and says 0.
    expect(option(/35\.7° N, 139\.7° E: 0/)).toHaveAttribute('fill', 'none');
    expect(screen.queryAllByRole('img', { name: /no data/ })).toHaveLength(0);
  });

  it('leaves the other bubbles alone on hover: only the hovered value is formatted again', async () => {
    const format = vi.fn((value: number) => String(value));
    const user = userEvent.setup();
    render(
      <GeoMap title="Cells" mode="grid" rows={cells} topology={topology} formatValue={format} {...size} />,
    );
    format.mockClear();
    await user.hover(option(/Paris area/));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Paris area: 400');
    expect(format.mock.calls.length).toBeGreaterThan(0);
    expect(format.mock.calls.every(([value]) => value === 400)).toBe(true);
  });
});
