import { render, screen, within, fireEvent } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { hydrateRoot } from 'react-dom/client';
import { act } from 'react';
import { DonutChart } from './DonutChart';
import { resultBreakdown, factorBreakdown } from './fixtures';

const data = [
  { key: 'success', label: 'Success', value: 50 },
  { key: 'denied', label: 'Denied', value: 25 },
  { key: 'fraud', label: 'Fraud', value: 25 },
];

function slices(container: HTMLElement) {
  return Array.from(container.querySelectorAll<SVGPathElement>('path[data-key]'));
}

describe('DonutChart', () => {
  it('draws one slice per positive value with angles proportional to the values', () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} height={300} />);
    const paths = slices(container);
    expect(paths.map((p) => p.dataset.key)).toEqual(['success', 'denied', 'fraud']);
    const angles = paths.map((p) => [Number(p.dataset.startAngle), Number(p.dataset.endAngle)]);
    expect(angles[0]![0]).toBeCloseTo(0, 3);
    expect(angles[0]![1]).toBeCloseTo(Math.PI, 2);
    expect(angles[1]![1]).toBeCloseTo(1.5 * Math.PI, 2);
    expect(angles[2]![1]).toBeCloseTo(2 * Math.PI, 2);
    for (const p of paths) expect(p.getAttribute('d')).toMatch(/^M[-\d.]+,[-\d.]+A/);
  });

  it('shows the total in the centre and a hidden table with every row', () => {
    render(<DonutChart title="Results" data={resultBreakdown} width={300} height={300} />);
    expect(document.querySelector('[data-total]')).toHaveTextContent('56,696');
    const table = screen.getByRole('table', { name: 'Results' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(resultBreakdown.length + 1);
    expect(rows[1]).toHaveTextContent('Success48,21385%');
  });

  it('keeps zero values out of the ring but in the legend and table', () => {
    const { container } = render(
      <DonutChart title="Z" data={[...data, { key: 'error', label: 'Error', value: 0 }]} width={300} />,
    );
    expect(slices(container)).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Error' })).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveTextContent('Error00%');
  });

  it('draws the "other" slice muted and flagged', () => {
    const { container } = render(<DonutChart title="Factors" data={factorBreakdown} width={300} />);
    const other = container.querySelector('path[data-key="__other__"]')!;
    expect(other).toHaveAttribute('data-other', 'true');
    expect(other.getAttribute('fill')).toContain('--sl-other');
  });

  it('shows the empty state when every value is zero, and loading/error states', () => {
    const { rerender } = render(<DonutChart title="E" data={[{ key: 'a', label: 'A', value: 0 }]} />);
    expect(screen.getByRole('status')).toHaveTextContent('No data');
    rerender(<DonutChart title="E" data={data} loading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    rerender(<DonutChart title="E" data={data} error={new Error('ES timed out')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('ES timed out');
  });

  it('hides a slice from the legend and re-spreads the others', async () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} />);
    const user = userEvent.setup();
    const denied = screen.getByRole('button', { name: 'Denied' });
    await user.click(denied);
    expect(denied).toHaveAttribute('aria-pressed', 'false');
    const paths = slices(container);
    expect(paths.map((p) => p.dataset.key)).toEqual(['success', 'fraud']);
    expect(Number(paths[0]!.dataset.endAngle)).toBeCloseTo((2 * Math.PI * 2) / 3, 2);
    await user.click(denied);
    expect(slices(container)).toHaveLength(3);
  });

  it('selects a slice from its legend entry, passing the same datum as a slice click', async () => {
    const selected: (typeof data)[number][] = [];
    const { container, rerender } = render(
      <DonutChart title="Results" data={data} width={300} onSelect={(d) => selected.push(d)} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Denied' }));
    fireEvent.click(container.querySelector('path[data-key="denied"]')!);
    expect(selected).toEqual([data[1], data[1]]);
    // Selecting does not hide anything.
    expect(slices(container)).toHaveLength(3);

    rerender(<DonutChart title="Results" data={data} width={300} selectedKey="denied" onSelect={() => {}} />);
    expect(screen.getByRole('button', { name: 'Denied' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Fraud' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('opens a slice with a click or Enter when it can be opened; Space and the legend still select', async () => {
    const opened: string[] = [];
    const selected: string[] = [];
    const { container } = render(
      <DonutChart
        title="Results"
        data={data}
        width={300}
        onSelect={(d) => selected.push(d.key)}
        onOpen={(d) => opened.push(d.key)}
      />,
    );
    const user = userEvent.setup();
    fireEvent.click(container.querySelector('path[data-key="denied"]')!);
    await user.tab();
    await user.keyboard('{ArrowRight}{ArrowRight}{Enter}');
    expect(opened).toEqual(['denied', 'fraud']);
    await user.keyboard(' ');
    await user.click(screen.getByRole('button', { name: 'Success' }));
    expect(selected).toEqual(['fraud', 'success']);
  });

  it('still hides a slice from the legend when selectable, through the swatch before its entry', async () => {
    const onSelect = vi.fn();
    const { container } = render(<DonutChart title="Results" data={data} width={300} onSelect={onSelect} />);
    const user = userEvent.setup();
    const toggle = screen.getByRole('button', { name: 'Show Denied' });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(slices(container).map((p) => p.dataset.key)).toEqual(['success', 'fraud']);
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('selects from the legend with the keyboard: one tab stop after the slices, arrows, Enter', async () => {
    const selected: string[] = [];
    render(<DonutChart title="Results" data={data} width={300} onSelect={(d) => selected.push(d.key)} />);
    const user = userEvent.setup();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Show Success' })).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Denied' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(selected).toEqual(['denied']);
    await user.tab();
    expect(document.body).toHaveFocus();
  });

  it('moves focus across slices with arrow keys and selects with Enter, Space and click', async () => {
    const selected: string[] = [];
    const { container } = render(
      <DonutChart title="Results" data={data} width={300} onSelect={(d) => selected.push(d.key)} />,
    );
    const user = userEvent.setup();
    await user.tab();
    const paths = slices(container);
    expect(paths[0]).toHaveFocus();
    expect(paths[0]).toHaveAttribute('role', 'button');
    expect(container.querySelector('[data-focus-ring]')).not.toBeNull();
    await user.keyboard('{ArrowRight}');
    expect(paths[1]).toHaveFocus();
    await user.keyboard('{Enter}{ArrowLeft}{ArrowLeft} ');
    expect(paths[2]).toHaveFocus();
    fireEvent.click(paths[0]!);
    expect(selected).toEqual(['denied', 'fraud', 'success']);
  });

  it('shows a tooltip with the label, value and share of the hovered or focused slice', async () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} />);
    fireEvent.pointerEnter(slices(container)[1]!);
    expect(screen.getByRole('tooltip')).toHaveTextContent('Denied25 · 25%');
    fireEvent.pointerLeave(slices(container)[1]!.parentElement!);
    expect(screen.queryByRole('tooltip')).toBeNull();
    await userEvent.setup().tab();
    expect(screen.getByRole('tooltip')).toHaveTextContent('Success50 · 50%');
    expect(slices(container)[0]).toHaveAccessibleDescription('Success50 · 50%');
  });

  it('dims the slices other than the hovered one, and leaves them undimmed otherwise', () => {
    const { container } = render(<DonutChart title="Results" data={data} width={300} />);
    expect(slices(container).map((p) => p.getAttribute('opacity'))).toEqual([null, null, null]);
    fireEvent.pointerEnter(slices(container)[1]!);
    expect(slices(container).map((p) => p.getAttribute('opacity'))).toEqual(['0.55', null, '0.55']);
  });

  it('styles slices from one stylesheet per page, animating them only without a reduced-motion preference', () => {
    const { container } = render(
      <>
        <DonutChart title="A" data={data} width={300} />
        <DonutChart title="B" data={data} width={300} onSelect={() => {}} />
      </>,
    );
    const sheets = document.head.querySelectorAll('style[data-href~="sl-donut"]');
    expect(sheets).toHaveLength(1);
    expect(sheets[0]!.textContent).toMatch(
      /@media \(prefers-reduced-motion:no-preference\)\{\.sl-donut-slice\{transition:[^}]*opacity/,
    );
    for (const slice of slices(container)) {
      expect(slice).toHaveClass('sl-donut-slice');
      expect(slice.getAttribute('style')).toBeNull();
    }
    // Only slices that can be selected show a pointer.
    expect(slices(container)[3]).toHaveStyle({ cursor: 'pointer' });
    expect(slices(container)[0]).not.toHaveStyle({ cursor: 'pointer' });
  });

  it('marks the selected slice and works with custom accessors and SVG props', () => {
    const rows = [
      { id: 'x', name: 'Push', n: 3 },
      { id: 'y', name: 'SMS', n: 1 },
    ];
    const { container } = render(
      <DonutChart
        title="Custom"
        data={rows}
        getKey={(d) => d.id}
        value={(d) => d.n}
        label={(d) => d.name}
        width={200}
        selectedKey="y"
        onSelect={() => {}}
        className="extra"
        data-testid="svg"
      />,
    );
    expect(screen.getByTestId('svg')).toHaveClass('extra');
    expect(screen.getByRole('button', { name: 'SMS: 1 (25%)', pressed: true })).toBeInTheDocument();
    expect(slices(container)).toHaveLength(2);
  });
});

describe('DonutChart server rendering', () => {
  it('renders complete SVG to a string and hydrates without mismatch', async () => {
    const element = <DonutChart title="Results" data={resultBreakdown} height={260} />;
    const html = renderToString(element);
    expect(html).toMatch(/<svg[^>]*width="640"[^>]*height="260"/);
    // The slice and legend styles come with the markup, so it renders styled before any script runs.
    const styles = html.slice(0, html.indexOf('<figure'));
    expect(styles).toMatch(/^<style[^>]*data-href="[^"]*\bsl-donut\b/);
    expect(styles).toMatch(/data-href="[^"]*\bsl-legend\b/);
    expect(html.match(/<path[^>]*data-key=/g)).toHaveLength(resultBreakdown.length);
    const host = document.createElement('div');
    host.innerHTML = html;
    document.body.appendChild(host);
    const onRecoverableError = vi.fn();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await act(async () => {
      hydrateRoot(host, element, { onRecoverableError });
    });
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(host.querySelectorAll('path[data-key]')).toHaveLength(resultBreakdown.length);
  });

  it('colours a slice by its key when colorOf names one, and the rest by position', () => {
    const colorOf = (key: string) => (key === 'denied' ? '#123456' : undefined);
    const { container } = render(
      <DonutChart title="Results" data={data.slice(1)} colorOf={colorOf} width={300} height={300} />,
    );
    const fill = (key: string) => container.querySelector(`path[data-key="${key}"]`)?.getAttribute('fill');
    expect(fill('denied')).toBe('#123456');
    expect(fill('fraud')).toBe('var(--sl-series-0, #0072b2)');
  });
});
