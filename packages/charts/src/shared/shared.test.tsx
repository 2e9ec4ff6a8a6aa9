import { render, screen, act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { useState } from 'react';
import { ChartFrame } from './ChartFrame';
import { Legend } from './Legend';
import { VisuallyHiddenTable } from './VisuallyHiddenTable';
import { useRovingFocus } from './useRovingFocus';
import { useSize, defaultChartSize } from './useSize';

describe('ChartFrame', () => {
  it('names the figure and shows children when ready', () => {
    render(
      <ChartFrame title="Logins by result">
        <p>chart</p>
      </ChartFrame>,
    );
    expect(screen.getByRole('figure', { name: 'Logins by result' })).toBeInTheDocument();
    expect(screen.getByText('chart')).toBeInTheDocument();
  });

  it.each([
    [{ loading: true }, 'status', 'Loading…'],
    [{ empty: true }, 'status', 'No data for this selection.'],
    [{ error: new Error('Boom') }, 'alert', 'Boom'],
    [{ status: 'error' as const, errorMessage: 'Custom' }, 'alert', 'Custom'],
  ])('renders the %o state instead of the chart', (state, role, text) => {
    render(
      <ChartFrame title="T" {...state}>
        <p>chart</p>
      </ChartFrame>,
    );
    expect(screen.getByRole(role)).toHaveTextContent(text);
    expect(screen.queryByText('chart')).toBeNull();
  });
});

describe('Legend', () => {
  const items = [
    { key: 'a', label: 'Success', color: 'red' },
    { key: 'b', label: 'Denied', color: 'blue', hidden: true },
    { key: 'c', label: 'Fraud', color: 'green' },
  ];

  it('renders toggle buttons with aria-pressed and one tab stop', async () => {
    const toggled: string[] = [];
    render(<Legend items={items} onToggle={(k) => toggled.push(k)} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'true']);
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    const user = userEvent.setup();
    await user.tab();
    expect(buttons[0]).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(buttons[1]).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.keyboard('{End} ');
    expect(buttons[2]).toHaveFocus();
    expect(toggled).toEqual(['b', 'c']);
  });

  it('with onSelect and onToggle, selects on the entry and toggles on a separate swatch button', async () => {
    const selected: string[] = [];
    const toggled: string[] = [];
    render(
      <Legend
        items={items.map((item) => ({ ...item, selected: item.key === 'c' }))}
        onSelect={(k) => selected.push(k)}
        onToggle={(k) => toggled.push(k)}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Denied' }));
    expect(selected).toEqual(['b']);
    expect(toggled).toEqual([]);
    const toggles = ['Success', 'Denied', 'Fraud'].map((name) =>
      screen.getByRole('button', { name: `Show ${name}` }),
    );
    expect(toggles.map((t) => t.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'true']);
    await user.click(toggles[1]!);
    expect(toggled).toEqual(['b']);
    expect(selected).toEqual(['b']);
    // The entry's pressed state is the host's selection, not visibility.
    expect(screen.getByRole('button', { name: 'Fraud' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Denied' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('keeps one tab stop across swatches and entries: arrows move, Enter selects, Space toggles', async () => {
    const calls: string[] = [];
    render(
      <Legend
        items={items}
        onSelect={(k) => calls.push(`select ${k}`)}
        onToggle={(k) => calls.push(`toggle ${k}`)}
      />,
    );
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1, -1, -1]);
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Show Success' })).toHaveFocus();
    await user.keyboard('{ArrowRight}{Enter}{ArrowRight} {End}');
    expect(screen.getByRole('button', { name: 'Fraud' })).toHaveFocus();
    await user.keyboard('{Enter}{Home}');
    expect(screen.getByRole('button', { name: 'Show Success' })).toHaveFocus();
    expect(calls).toEqual(['select a', 'toggle b', 'select c']);
  });

  it('with onSelect only, entries are plain buttons that select', async () => {
    const selected: string[] = [];
    render(<Legend items={items} onSelect={(k) => selected.push(k)} />);
    expect(screen.getAllByRole('button')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Success' })).not.toHaveAttribute('aria-pressed');
    await userEvent.click(screen.getByRole('button', { name: 'Fraud' }));
    expect(selected).toEqual(['c']);
  });

  it('highlights the series of the hovered or focused entry', async () => {
    const highlighted: (string | null)[] = [];
    render(
      <Legend
        items={items}
        onSelect={() => {}}
        onToggle={() => {}}
        onHighlight={(k) => highlighted.push(k)}
      />,
    );
    const user = userEvent.setup();
    await user.hover(screen.getByRole('button', { name: 'Denied' }));
    await user.unhover(screen.getByRole('button', { name: 'Denied' }));
    await user.tab();
    // Moving between the swatch and the entry of one item keeps it highlighted (no null between).
    await user.keyboard('{ArrowRight}');
    await user.tab();
    expect(highlighted).toEqual(['b', null, 'a', 'a', null]);
  });

  it('without a swatch toggle, highlights the hovered or focused entry', async () => {
    const highlighted: (string | null)[] = [];
    render(<Legend items={items} onToggle={() => {}} onHighlight={(k) => highlighted.push(k)} />);
    const user = userEvent.setup();
    await user.hover(screen.getByRole('button', { name: 'Fraud' }));
    await user.unhover(screen.getByRole('button', { name: 'Fraud' }));
    await user.tab();
    await user.keyboard('{ArrowRight}');
    await user.tab();
    expect(highlighted).toEqual(['c', null, 'a', null, 'b', null]);
  });

  it('styles every legend on the page from one shared stylesheet, not inline styles on each entry', () => {
    render(
      <>
        <Legend items={items} onToggle={() => {}} />
        <Legend items={items} onToggle={() => {}} onSelect={() => {}} />
        <Legend items={items} />
      </>,
    );
    expect(document.head.querySelectorAll('style[data-href~="sl-legend"]')).toHaveLength(1);
    const entries = document.querySelectorAll('.sl-legend button, .sl-legend li, .sl-legend-text');
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.getAttribute('style')).toBeNull();
    // The swatch carries only its colour.
    for (const swatch of document.querySelectorAll<HTMLElement>('.sl-legend-swatch'))
      expect(swatch.getAttribute('style')).toMatch(/^color: ?[^;]+;?$/);
  });

  it('marks a hidden item struck through with a hollow swatch, and the selected one highlighted', () => {
    render(
      <Legend
        items={items.map((item) => ({ ...item, selected: item.key === 'c' }))}
        onToggle={() => {}}
        onSelect={() => {}}
      />,
    );
    expect(screen.getByText('Denied')).toHaveStyle({ textDecoration: 'line-through' });
    expect(screen.getByText('Success')).not.toHaveStyle({ textDecoration: 'line-through' });
    const hollow = screen.getByRole('button', { name: 'Show Denied' }).querySelector('.sl-legend-swatch')!;
    const filled = screen.getByRole('button', { name: 'Show Success' }).querySelector('.sl-legend-swatch')!;
    // Success is red: its swatch is filled with it; Denied's is left empty (transparent).
    expect(filled).toHaveStyle({ backgroundColor: 'rgb(255, 0, 0)' });
    expect(hollow).toHaveStyle({ backgroundColor: 'rgba(0, 0, 0, 0)' });
    expect(screen.getByRole('button', { name: 'Fraud' })).toHaveStyle({ fontWeight: '600' });
    expect(screen.getByRole('button', { name: 'Success' })).not.toHaveStyle({ fontWeight: '600' });
  });

  it('server-renders its stylesheet once, ahead of the markup', () => {
    const html = renderToString(
      <>
        <Legend items={items} onToggle={() => {}} />
        <Legend items={items} />
      </>,
    );
    expect(html.match(/<style[^>]*data-href="sl-legend"/g)).toHaveLength(1);
    expect(html).toMatch(/^<style[^>]*>[^<]*<\/style><div role="group"/);
  });

  it('is a static list without onToggle', () => {
    render(<Legend items={items} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });
});

describe('VisuallyHiddenTable', () => {
  it('keeps the table out of the layout: the hiding style is on a wrapper, since a table ignores height', () => {
    render(<VisuallyHiddenTable caption="Data" columns={['Result', 'Count']} rows={[['success', 10]]} />);
    const table = screen.getByRole('table', { name: 'Data' });
    expect(table.style.position).toBe('');
    expect(table.style.height).toBe('');
    expect(table.parentElement).toHaveStyle({
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      whiteSpace: 'nowrap',
    });
  });

  it('keeps its layout off the page: contained in the 1 px box, columns fixed instead of measured over every cell', () => {
    render(<VisuallyHiddenTable caption="Data" columns={['Result', 'Count']} rows={[['success', 10]]} />);
    const table = screen.getByRole('table', { name: 'Data' });
    expect(table.parentElement?.style.contain).toBe('strict');
    expect(table.style.tableLayout).toBe('fixed');
  });

  it('renders caption, headers and row headers, capped at maxRows', () => {
    render(
      <VisuallyHiddenTable
        caption="Data"
        columns={['Result', 'Count']}
        rows={[
          ['success', 10],
          ['denied', 2],
          ['fraud', 1],
        ]}
        maxRows={2}
      />,
    );
    const table = screen.getByRole('table', { name: /Data \(first 2 of 3 rows\)/ });
    expect(table).toBeInTheDocument();
    expect(screen.getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['success', 'denied']);
    expect(screen.getAllByRole('cell').map((c) => c.textContent)).toEqual(['10', '2']);
  });
});

function Roving({ count, onSelect }: { count: number; onSelect: (i: number) => void }) {
  const roving = useRovingFocus<HTMLSpanElement>({ count, onSelect, loop: false });
  return (
    <div>
      {Array.from({ length: count }, (_, i) => (
        <span key={i} role="button" {...roving.getItemProps(i)}>
          item {i} {roving.focusedIndex === i ? '(focused)' : ''}
        </span>
      ))}
    </div>
  );
}

describe('useRovingFocus', () => {
  it('moves with arrows, clamps without loop, jumps with Home/End and selects with Space', async () => {
    const selected: number[] = [];
    render(<Roving count={4} onSelect={(i) => selected.push(i)} />);
    const user = userEvent.setup();
    await user.tab();
    const items = screen.getAllByRole('button');
    expect(items[0]).toHaveFocus();
    expect(items[0]).toHaveTextContent('(focused)');
    await user.keyboard('{ArrowLeft}');
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(items[2]).toHaveFocus();
    expect(items.map((i) => i.tabIndex)).toEqual([-1, -1, 0, -1]);
    await user.keyboard('{End} {Home}{Enter}');
    expect(selected).toEqual([3, 0]);
  });

  it('hands out the same handlers on every render, acting on the latest options', async () => {
    const seen: unknown[] = [];
    function Counter({ onSelect }: { onSelect: (i: number) => void }) {
      const roving = useRovingFocus<HTMLSpanElement>({ count: 2, onSelect });
      seen.push(roving.getItemHandlers(1));
      return (
        <span role="button" tabIndex={0} {...roving.getItemHandlers(1)}>
          item
        </span>
      );
    }
    const first: number[] = [];
    const second: number[] = [];
    const { rerender } = render(<Counter onSelect={(i) => first.push(i)} />);
    rerender(<Counter onSelect={(i) => second.push(i)} />);
    expect(seen[1]).toBe(seen[0]);
    screen.getByRole('button').focus();
    await userEvent.keyboard('{Enter}');
    expect(first).toEqual([]);
    expect(second).toEqual([1]);
  });

  it('leaves a key to an ancestor that handled it on the way down', async () => {
    function Panning() {
      const roving = useRovingFocus<HTMLSpanElement>({ count: 3 });
      return (
        <div onKeyDownCapture={(event) => event.shiftKey && event.preventDefault()}>
          {[0, 1, 2].map((i) => (
            <span key={i} role="button" {...roving.getItemProps(i)}>
              item {i}
            </span>
          ))}
        </div>
      );
    }
    render(<Panning />);
    const user = userEvent.setup();
    await user.tab();
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(screen.getAllByRole('button')[0]).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getAllByRole('button')[1]).toHaveFocus();
  });
});

function Sized() {
  const { ref, width, height } = useSize<HTMLDivElement>({ height: 200 });
  return (
    <div ref={ref} data-testid="box">
      {width}x{height}
    </div>
  );
}

describe('useSize', () => {
  it('renders the default size on the server', () => {
    expect(renderToString(<Sized />)).toContain(`${defaultChartSize.width}<!-- -->x<!-- -->200`);
  });

  it('measures the element and follows ResizeObserver', () => {
    let callback: ResizeObserverCallback = () => {};
    const original = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(cb: ResizeObserverCallback) {
        callback = cb;
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    try {
      render(<Sized />);
      expect(screen.getByTestId('box')).toHaveTextContent(`${defaultChartSize.width}x200`);
      act(() =>
        callback([{ contentRect: { width: 480, height: 90 } } as ResizeObserverEntry], {} as ResizeObserver),
      );
      expect(screen.getByTestId('box')).toHaveTextContent('480x200');
    } finally {
      globalThis.ResizeObserver = original;
    }
  });
});

describe('state updates', () => {
  it('Legend reflects hidden state changes', async () => {
    function Toggling() {
      const [hidden, setHidden] = useState<string[]>([]);
      return (
        <Legend
          items={['a', 'b'].map((k) => ({ key: k, label: k, color: 'red', hidden: hidden.includes(k) }))}
          onToggle={(k) => setHidden((h) => (h.includes(k) ? h.filter((x) => x !== k) : [...h, k]))}
        />
      );
    }
    render(<Toggling />);
    await userEvent.click(screen.getByRole('button', { name: 'b' }));
    expect(screen.getByRole('button', { name: 'b' })).toHaveAttribute('aria-pressed', 'false');
  });
});
