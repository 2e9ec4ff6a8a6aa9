import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StackedAreaChart } from './StackedAreaChart';
import type { TimeSeriesData } from './types';
import { palette } from '../theme/palette';
import { look, patternOf } from '../theme/test-support';

const H = 3_600_000;
const t0 = Date.UTC(2025, 2, 3);
const data: TimeSeriesData = {
  series: ['success', 'denied', 'fraud'],
  seriesLabels: { success: 'Success', denied: 'Denied', fraud: 'Fraud' },
  rows: [
    { t: t0, values: { success: 10, denied: 5, fraud: 1 } },
    { t: t0 + H, values: { success: 20, denied: 2, fraud: 3 } },
  ],
};
const props = { title: 'Results over time', data, width: 512, height: 240 };

const band = (container: HTMLElement, series: string) =>
  container.querySelector<SVGPathElement>(`[data-layer="areas"] path[data-series="${series}"]`);

describe('StackedAreaChart with pattern fills', () => {
  it('fills every band with its own pattern over its series colour', () => {
    const { container } = render(<StackedAreaChart {...props} patterns />);
    const looks = data.series.map((s) =>
      look(patternOf(container, band(container, s)?.getAttribute('fill'))),
    );
    expect(looks.map((l) => l.color)).toEqual(palette.slice(0, 3));
    // Stacked neighbours differ by shape as well as hue, for readers who cannot tell the hues apart.
    expect(new Set(looks.map((l) => l.mark)).size).toBe(3);
    for (const l of looks) expect(l.mark).toBeDefined();
  });

  it('fills bands with plain colours and defines no patterns by default', () => {
    const { container } = render(<StackedAreaChart {...props} />);
    expect(container.querySelector('pattern')).toBeNull();
    expect(data.series.map((s) => band(container, s)?.getAttribute('fill'))).toEqual(palette.slice(0, 3));
  });

  it('shows each band’s pattern in its legend swatch', () => {
    const { container } = render(<StackedAreaChart {...props} patterns />);
    for (const series of data.series) {
      const label = data.seriesLabels?.[series] ?? series;
      const swatch = screen.getByRole('button', { name: label }).querySelector('svg rect');
      expect(swatch).toHaveAttribute('fill', band(container, series)?.getAttribute('fill'));
    }
  });

  it('keeps plain series colours on the crosshair dots and tooltip swatches, where a pattern would not show', async () => {
    const { container } = render(<StackedAreaChart {...props} patterns />);
    await userEvent.setup().tab();
    const dots = [...container.querySelectorAll('[data-layer="crosshair"] circle')];
    expect(dots.map((dot) => dot.getAttribute('fill'))).toEqual(palette.slice(0, 3));
    const swatches = [...screen.getByRole('tooltip').querySelectorAll<HTMLElement>('span[aria-hidden]')];
    // Top band first, as the bands are stacked; the last row is the total, without a swatch colour.
    expect(swatches.slice(0, 3).map((s) => s.style.background)).toEqual(palette.slice(0, 3).reverse());
  });

  it('keeps each band’s pattern when another series is hidden', async () => {
    const { container } = render(<StackedAreaChart {...props} patterns />);
    const before = band(container, 'fraud')?.getAttribute('fill');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Denied' }));
    expect(band(container, 'denied')).toBeNull();
    expect(band(container, 'fraud')?.getAttribute('fill')).toBe(before);
    expect(look(patternOf(container, before)).color).toBe(palette[2]);
  });

  it('gives two charts on one page patterns of their own', () => {
    const { container } = render(
      <>
        <StackedAreaChart {...props} title="A" patterns />
        <StackedAreaChart {...props} title="B" patterns />
      </>,
    );
    const ids = [...container.querySelectorAll('pattern')].map((p) => p.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });
});
