import { render, screen, fireEvent, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { hydrateRoot } from 'react-dom/client';
import { act } from 'react';
import { StackedAreaChart } from './StackedAreaChart';
import { prepareRows } from './prepareRows';
import { largeSeries, resultsOverTime } from './fixtures';
import type { TimeSeriesData } from './types';

const H = 3_600_000;
const t0 = Date.UTC(2025, 2, 3);
const data: TimeSeriesData = {
  series: ['success', 'denied'],
  seriesLabels: { success: 'Success', denied: 'Denied' },
  rows: [
    { t: t0, values: { success: 10, denied: 5 } },
    { t: t0 + H, values: { success: 20 } },
    { t: t0 + 2 * H, values: { success: 30, denied: 10 } },
  ],
};
// Plot area with width 448 + margins 48/16 = 512: buckets at x = 0, 224, 448.
const props = { title: 'Results over time', data, width: 512, height: 240 };

const areas = (c: HTMLElement) => Array.from(c.querySelectorAll<SVGPathElement>('[data-layer="areas"] path'));
const plot = (c: HTMLElement) => c.querySelector<SVGRectElement>('[data-plot]')!;

describe('prepareRows', () => {
  it('sorts, merges duplicates and fills missing buckets with empty rows', () => {
    const rows = prepareRows([
      { t: 3 * H, values: { a: 3 } },
      { t: 0, values: { a: 1 } },
      { t: 0, values: { b: 2 } },
      { t: H, values: { a: 2 } },
    ]);
    expect(rows).toEqual([
      { t: 0, values: { a: 1, b: 2 } },
      { t: H, values: { a: 2 } },
      { t: 2 * H, values: {} },
      { t: 3 * H, values: { a: 3 } },
    ]);
  });
});

describe('StackedAreaChart', () => {
  it('draws one band per series, stacked, with missing values as zero', () => {
    const { container } = render(<StackedAreaChart {...props} />);
    const [success, denied] = areas(container);
    expect(success!.dataset.series).toBe('success');
    // y domain is nice(0, 40) = [0, 40] over 202px of plot height: 10 → 151.5, 15 → 126.3, 20 → 101, 30 → 50.5.
    expect(success!.getAttribute('d')).toBe('M0,151.5L224,101L448,50.5L448,202L224,202L0,202Z');
    // The middle bucket has no "denied": the band closes to zero there instead of bridging it.
    expect(denied!.getAttribute('d')).toBe('M0,126.3L224,101L448,0L448,50.5L224,101L0,151.5Z');
  });

  it('normalises to 100% with offset="expand"', () => {
    const { container } = render(<StackedAreaChart {...props} offset="expand" />);
    expect(areas(container)[1]!.getAttribute('d')).toMatch(/^M0,0L224,0L448,0L/);
    expect(container.querySelector('svg')).toHaveTextContent('100%');
  });

  it('labels the time axis in the requested time zone', () => {
    const { container, rerender } = render(<StackedAreaChart {...props} />);
    const labels = () => Array.from(container.querySelectorAll('[data-tick] text')).map((t) => t.textContent);
    expect(labels()[0]).toBe('Mar 3');
    rerender(<StackedAreaChart {...props} timeZone="America/Los_Angeles" />);
    expect(labels()).not.toContain('Mar 3');
    expect(labels()).toContain('17:00');
  });

  it('says what one bucket covers, visibly and in the description of the plot and its table', () => {
    const { container } = render(<StackedAreaChart {...props} valueName="Attempts" />);
    const label = container.querySelector('[data-bucket-label]');
    expect(label).toHaveTextContent('Attempts per hour');
    expect(label).toBeVisible();
    expect(screen.getByRole('group', { name: 'Results over time' })).toHaveAccessibleDescription(
      'Attempts per hour',
    );
    expect(screen.getByRole('application')).toHaveAccessibleDescription(
      /^Attempts per hour Use left and right/,
    );
    expect(screen.getByRole('table', { name: 'Results over time, per hour' })).toBeInTheDocument();
  });

  it('names the bucket size it was given, or the one its buckets are apart', () => {
    const label = (c: HTMLElement) => c.querySelector('[data-bucket-label]')?.textContent;
    const { container, rerender } = render(<StackedAreaChart {...props} interval={12 * H} />);
    expect(label(container)).toBe('Per 12 hours');
    const days = { ...data, rows: data.rows.map((row, i) => ({ ...row, t: t0 + i * 24 * H })) };
    rerender(<StackedAreaChart {...props} data={days} />);
    expect(label(container)).toBe('Per day');
    rerender(<StackedAreaChart {...props} data={{ ...data, rows: data.rows.slice(0, 1) }} />);
    expect(label(container)).toBeUndefined();
  });

  it('ticks whole numbers only when the values are counts, however small', () => {
    const ticks = (c: HTMLElement) =>
      Array.from(c.querySelectorAll('svg g[aria-hidden] > g:not([data-tick]) text')).map(
        (t) => t.textContent,
      );
    const few = {
      series: ['denied'],
      rows: [0, 1, 0, 2].map((n, i) => ({ t: t0 + i * H, values: { denied: n } })),
    };
    const { container, rerender } = render(<StackedAreaChart {...props} data={few} height={320} />);
    expect(ticks(container)).toEqual(['0', '1', '2']);
    const one: TimeSeriesData = {
      series: ['denied'],
      rows: [
        { t: t0, values: { denied: 1 } },
        { t: t0 + H, values: {} },
      ],
    };
    rerender(<StackedAreaChart {...props} data={one} height={320} />);
    expect(ticks(container)).toEqual(['0', '1']);
    // Averages and rates are not counts: their fractional ticks stay.
    const rates = {
      series: ['rate'],
      rows: [0.5, 1.5].map((n, i) => ({ t: t0 + i * H, values: { rate: n } })),
    };
    rerender(<StackedAreaChart {...props} data={rates} height={320} />);
    expect(ticks(container)).toEqual(['0', '0.5', '1', '1.5', '2']);
  });

  it('shows a tooltip listing every series at the nearest bucket on hover', () => {
    const { container } = render(<StackedAreaChart {...props} />);
    fireEvent.pointerMove(plot(container), { clientX: 200, clientY: 150 });
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip).toHaveTextContent('Mar 3, 2025, 01:00 UTC');
    expect(tooltip).toHaveTextContent('Denied0Success20Total20');
    expect(container.querySelector('[data-layer="crosshair"]')).toHaveAttribute('data-index', '1');
    fireEvent.pointerLeave(plot(container));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('keeps the area paths when only the hover changes', () => {
    const { container } = render(<StackedAreaChart {...props} />);
    const before = areas(container);
    fireEvent.pointerMove(plot(container), { clientX: 10, clientY: 10 });
    fireEvent.pointerMove(plot(container), { clientX: 440, clientY: 10 });
    expect(areas(container)).toEqual(before);
  });

  it('hides a series from the legend', async () => {
    const { container } = render(<StackedAreaChart {...props} />);
    await userEvent.click(screen.getByRole('button', { name: 'Denied' }));
    expect(areas(container).map((p) => p.dataset.series)).toEqual(['success']);
    expect(screen.getByRole('button', { name: 'Denied' })).toHaveAttribute('aria-pressed', 'false');
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Time', 'Success']);
  });

  it('caps the hidden table by cells: a wide chart lists fewer buckets, a narrow one 250', () => {
    const { unmount } = render(<StackedAreaChart {...props} title="Wide" data={largeSeries(20, 300)} />);
    const wide = screen.getByRole('table', { name: 'Wide, per 5 minutes (first 95 of 300 rows)' });
    expect(within(wide).getAllByRole('columnheader')).toHaveLength(21);
    expect(within(wide).getAllByRole('rowheader')).toHaveLength(95);
    unmount();
    render(<StackedAreaChart {...props} title="Narrow" data={largeSeries(3, 300)} />);
    const narrow = screen.getByRole('table', { name: 'Narrow, per 5 minutes (first 250 of 300 rows)' });
    expect(within(narrow).getAllByRole('rowheader')).toHaveLength(250);
  });

  it('selects a series from its legend entry, as a band click does, and still hides it from its swatch', async () => {
    const selected: string[] = [];
    const { container } = render(
      <StackedAreaChart {...props} selectedSeries="success" onSelectSeries={(s) => selected.push(s)} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Denied' }));
    expect(selected).toEqual(['denied']);
    expect(areas(container)).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Success' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Denied' })).toHaveAttribute('aria-pressed', 'false');

    const toggle = screen.getByRole('button', { name: 'Show Denied' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(areas(container).map((p) => p.dataset.series)).toEqual(['success']);
    expect(selected).toEqual(['denied']);
  });

  it('reaches the legend from the keyboard: Tab past the plot, arrows across swatches and entries', async () => {
    const selected: string[] = [];
    const { container } = render(<StackedAreaChart {...props} onSelectSeries={(s) => selected.push(s)} />);
    const user = userEvent.setup();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Show Success' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Success' })).toHaveFocus();
    await user.keyboard('{Enter}{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Show Denied' })).toHaveFocus();
    await user.keyboard(' ');
    expect(selected).toEqual(['success']);
    expect(areas(container).map((p) => p.dataset.series)).toEqual(['success']);
  });

  it('moves the crosshair with arrows, changes series with up/down and selects with Enter', async () => {
    const selected: string[] = [];
    const { container } = render(<StackedAreaChart {...props} onSelectSeries={(s) => selected.push(s)} />);
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('application')).toHaveFocus();
    const crosshair = () => container.querySelector('[data-layer="crosshair"]');
    expect(crosshair()).toHaveAttribute('data-index', '0');
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(crosshair()).toHaveAttribute('data-index', '2');
    expect(container.querySelector('[data-announcer]')).toHaveTextContent(
      'Mar 3, 2025, 02:00 UTC. Success: 30.',
    );
    await user.keyboard('{ArrowUp}{Enter}{ArrowDown} {Home}');
    expect(selected).toEqual(['denied', 'success']);
    expect(crosshair()).toHaveAttribute('data-index', '0');
  });

  it('brushes whole buckets with the pointer: from the first bucket’s start to the last one’s end', () => {
    const ranges: { from: number; to: number }[] = [];
    const { container } = render(<StackedAreaChart {...props} onBrush={(r) => ranges.push(r)} />);
    const rect = plot(container);
    const drag = (fromX: number, toX: number) => {
      fireEvent.pointerDown(rect, { clientX: fromX, button: 0, pointerId: 1 });
      fireEvent.pointerMove(rect, { clientX: toX, pointerId: 1 });
      fireEvent.pointerUp(rect, { clientX: toX, pointerId: 1 });
    };
    // From the first bucket's point to the second's: both buckets, so up to the third bucket's start.
    fireEvent.pointerDown(rect, { clientX: 0, button: 0, pointerId: 1 });
    fireEvent.pointerMove(rect, { clientX: 224, pointerId: 1 });
    // The drawn selection already shows the snapped range.
    expect(container.querySelector('[data-brush]')).toHaveAttribute('x', '0');
    expect(container.querySelector('[data-brush]')).toHaveAttribute('width', '448');
    fireEvent.pointerUp(rect, { clientX: 224, pointerId: 1 });
    expect(container.querySelector('[data-brush]')).toBeNull();
    // Mid-bucket ends snap to the buckets the crosshair shows there, whichever way the drag goes.
    drag(300, 100);
    // Ending on the last bucket covers it to its end: its start plus the (inferred) hourly interval.
    drag(230, 448);
    expect(ranges).toEqual([
      { from: t0, to: t0 + 2 * H },
      { from: t0, to: t0 + 2 * H },
      { from: t0 + H, to: t0 + 3 * H },
    ]);
  });

  it('brushes whole buckets with Shift+arrows and Enter, up to the end of the last bucket', async () => {
    const ranges: { from: number; to: number }[] = [];
    const { container } = render(
      <StackedAreaChart {...props} interval={H} onBrush={(r) => ranges.push(r)} />,
    );
    const user = userEvent.setup();
    await user.tab();
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    // The selection reaches the plot's right edge: the last bucket is included, not cut at its start.
    expect(container.querySelector('[data-brush]')).toHaveAttribute('width', '448');
    await user.keyboard('{Enter}');
    expect(ranges).toEqual([{ from: t0, to: t0 + 3 * H }]);
    expect(container.querySelector('[data-brush]')).toBeNull();
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}{Enter}');
    expect(ranges[1]).toEqual({ from: t0 + H, to: t0 + 3 * H });
  });

  it('selects the clicked band', () => {
    const selected: string[] = [];
    const { container } = render(<StackedAreaChart {...props} onSelectSeries={(s) => selected.push(s)} />);
    const rect = plot(container);
    fireEvent.pointerDown(rect, { clientX: 448, clientY: 190, button: 0 });
    fireEvent.pointerUp(rect, { clientX: 448, clientY: 190 });
    fireEvent.pointerDown(rect, { clientX: 448, clientY: 20, button: 0 });
    fireEvent.pointerUp(rect, { clientX: 448, clientY: 20 });
    expect(selected).toEqual(['success', 'denied']);
  });

  it('opens the clicked band at the clicked bucket, or the keyboard’s on Enter; Space selects the series', async () => {
    const opened: { series: string; from: number; to: number }[] = [];
    const selected: string[] = [];
    const { container } = render(
      <StackedAreaChart
        {...props}
        interval={H}
        onSelectSeries={(s) => selected.push(s)}
        onOpenBucket={(b) => opened.push(b)}
      />,
    );
    const rect = plot(container);
    fireEvent.pointerDown(rect, { clientX: 224, clientY: 190, button: 0 });
    fireEvent.pointerUp(rect, { clientX: 224, clientY: 190 });
    const user = userEvent.setup();
    await user.tab();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowUp}{Enter} ');
    expect(opened).toEqual([
      { series: 'success', from: t0 + H, to: t0 + 2 * H },
      { series: 'denied', from: t0 + 2 * H, to: t0 + 3 * H },
    ]);
    expect(selected).toEqual(['denied']);
    expect(
      screen.getByText(/Enter to open the series at that time, Space to select the series/),
    ).toBeTruthy();
  });

  it('renders empty, loading and error states', () => {
    const { rerender } = render(<StackedAreaChart {...props} data={{ series: ['a'], rows: [] }} />);
    expect(screen.getByRole('status')).toHaveTextContent('No data');
    rerender(<StackedAreaChart {...props} loading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    rerender(<StackedAreaChart {...props} error="Query failed" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Query failed');
  });

  it('renders complete SVG on the server and hydrates without mismatch', async () => {
    const element = <StackedAreaChart title="Results" data={resultsOverTime()} timeZone="Europe/Berlin" />;
    const html = renderToString(element);
    expect(html).toMatch(/<svg[^>]*width="640"[^>]*height="320"/);
    expect(html.match(/<path[^>]*data-series=/g)).toHaveLength(5);
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
  });

  it('colours a band by its key when colorOf names one, and the rest by position', () => {
    const colorOf = (key: string) => (key === 'denied' ? '#123456' : undefined);
    const { container } = render(<StackedAreaChart {...props} colorOf={colorOf} />);
    const [success, denied] = areas(container);
    expect(denied!.getAttribute('fill')).toBe('#123456');
    expect(success!.getAttribute('fill')).toBe('var(--sl-series-0, #0072b2)');
  });
});
