import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DonutChart } from './DonutChart';
import { factorBreakdown } from './fixtures';
import { palette } from '../theme/palette';
import { look, patternOf } from '../theme/test-support';

const data = [
  { key: 'success', label: 'Success', value: 50 },
  { key: 'denied', label: 'Denied', value: 25 },
  { key: 'fraud', label: 'Fraud', value: 25 },
];

const slice = (container: HTMLElement, key: string) =>
  container.querySelector<SVGPathElement>(`path[data-key="${key}"]`)!;

describe('DonutChart with pattern fills', () => {
  it('fills every slice with its own pattern over its palette colour', () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} patterns />);
    const looks = data.map((d) => look(patternOf(container, slice(container, d.key).getAttribute('fill'))));
    expect(looks.map((l) => l.color)).toEqual(palette.slice(0, 3));
    // Neighbouring slices differ by shape as well as hue, for readers who cannot tell the hues apart.
    expect(new Set(looks.map((l) => l.mark)).size).toBe(3);
    for (const l of looks) expect(l.mark).toBeDefined();
  });

  it('fills slices with plain colours and defines no patterns by default', () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} />);
    expect(container.querySelector('pattern')).toBeNull();
    expect(data.map((d) => slice(container, d.key).getAttribute('fill'))).toEqual(palette.slice(0, 3));
  });

  it('keeps the "other" slice plain and muted', () => {
    const { container } = render(<DonutChart title="Factors" data={factorBreakdown} width={300} patterns />);
    expect(slice(container, '__other__').getAttribute('fill')).toBe('var(--sl-other, #aab2bb)');
    expect(slice(container, 'duo_push').getAttribute('fill')).toMatch(/^url\(#/);
  });

  it('shows each slice’s pattern in its legend swatch', () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} patterns />);
    for (const d of data) {
      const swatch = screen.getByRole('button', { name: d.label }).querySelector('svg rect');
      expect(swatch).toHaveAttribute('fill', slice(container, d.key).getAttribute('fill'));
    }
  });

  it('keeps each slice’s pattern when another slice is hidden', async () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} patterns />);
    const before = slice(container, 'fraud').getAttribute('fill');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Denied' }));
    expect(slice(container, 'denied')).toBeNull();
    expect(slice(container, 'fraud').getAttribute('fill')).toBe(before);
    expect(patternOf(container, before)).not.toBeNull();
  });

  it('gives two charts on one page patterns of their own', () => {
    const { container } = render(
      <>
        <DonutChart title="A" data={data} width={300} patterns />
        <DonutChart title="B" data={data} width={300} patterns />
      </>,
    );
    const ids = [...container.querySelectorAll('pattern')].map((p) => p.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    const [first, second] = container.querySelectorAll('svg[role="group"]');
    const fillOf = (svg: Element | undefined) =>
      svg?.querySelector('path[data-key="success"]')?.getAttribute('fill');
    expect(patternOf(first as HTMLElement, fillOf(first))).not.toBeNull();
    expect(patternOf(second as HTMLElement, fillOf(second))).not.toBeNull();
  });

  it('shows the hovered slice’s colour in the tooltip swatch, which CSS cannot fill with an SVG pattern', () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} patterns />);
    fireEvent.pointerEnter(slice(container, 'denied'));
    const swatch = screen.getByRole('tooltip').querySelector<HTMLElement>('span[aria-hidden]');
    expect(swatch?.style.background).toBe(palette[1]);
  });
});
