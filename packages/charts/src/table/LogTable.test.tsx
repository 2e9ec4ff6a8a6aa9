import { Profiler } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LogTable } from './LogTable';
import { ROWS_PER_FRAME } from './useRowVirtualizer';
import { columnsFromFields } from './columns';
import { formatTimestamp } from './formatCell';
import { authLog, type AuthLogRow } from './fixtures/authLog';

const columns = columnsFromFields<AuthLogRow>([
  { id: 'ts', label: 'Time', type: 'date' },
  { id: 'user.name', label: 'User', type: 'keyword' },
  { id: 'result', label: 'Result', type: 'keyword' },
  { id: 'access_device.ip', label: 'IP', type: 'ip' },
]);
const getRowId = (row: AuthLogRow) => row.txid;

/** Lets `count` animation frames pass, with React's updates from them. */
const nextFrames = async (count: number) => {
  for (let i = 0; i < count; i++) await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
};
const bodyRows = () => screen.getAllByRole('row').filter((row) => row.getAttribute('aria-rowindex') !== '1');
/** The grid track of a body row's column (1-based), as its inline grid template gives it. */
const trackOf = (row: HTMLElement, colIndex: number) =>
  row.style.gridTemplateColumns.match(/minmax\([^)]*\)/g)?.[colIndex - 1];
const columnText = (colIndex: number) =>
  bodyRows().map((row) => within(row).getAllByRole('gridcell')[colIndex - 1]?.textContent);

/** A grid of these rows, 32 px each, in 420 px. */
const grid420 = (rows: AuthLogRow[], tableColumns = columns) => (
  <LogTable
    title="Auth log"
    rows={rows}
    columns={tableColumns}
    getRowId={getRowId}
    height={420}
    rowHeight={32}
  />
);
/** A grid of 1,000 rows, 32 px each, in 420 px. */
const renderThousandRows = () => {
  render(grid420(authLog(1_000)));
  return screen.getByRole('grid');
};
/** Display indexes of the mounted rows, without the keyboard-active first row, which stays. */
const mounted = () =>
  bodyRows()
    .map((row) => Number(row.getAttribute('data-index')))
    .filter((index) => index !== 0);

// Interaction tests render real virtualised rows; a shared 2-core CI box needs headroom beyond 5 s.
describe('LogTable', { timeout: 30_000 }, () => {
  // Building TanStack's row model for 100k rows takes seconds on a loaded CI machine: one test pays it once.
  it('renders only a window of 100,000 rows, before and after scrolling', { timeout: 60_000 }, () => {
    const rows = authLog(100_000);
    render(grid420(rows));
    const grid = screen.getByRole('grid', { name: 'Auth log' });
    expect(grid).toHaveAttribute('aria-rowcount', '100001');
    const rendered = bodyRows();
    // 12 rows fit under the header; overscan adds a few: nowhere near 100,000.
    expect(rendered.length).toBeGreaterThanOrEqual(12);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered[0]).toHaveAttribute('aria-rowindex', '2');
    expect(within(rendered[0]!).getAllByRole('gridcell')[0]).toHaveTextContent('2024-05-01 00:00:00 UTC');
    act(() => {
      grid.scrollTop = 32 * 50_000;
      fireEvent.scroll(grid);
    });
    const indices = bodyRows().map((row) => Number(row.getAttribute('aria-rowindex')));
    // The keyboard-active first row stays mounted; every other row is from the new window.
    expect(indices.filter((i) => i !== 2).every((i) => i > 49_990 && i < 50_040)).toBe(true);
    expect(indices.length).toBeLessThan(40);
    expect(screen.getByText(formatTimestamp(rows[50_000]!.ts))).toBeInTheDocument();
  });

  it('renders the rows that scrolling brings into view, and no others again', () => {
    const cell = vi.fn((value: unknown) => String(value));
    render(grid420(authLog(1_000), [{ ...columns[1]!, cell }]));
    const shown = () => new Set(bodyRows().map((row) => row.getAttribute('aria-rowindex')));
    const before = shown();
    expect(cell).toHaveBeenCalledTimes(before.size);
    cell.mockClear();
    act(() => {
      const grid = screen.getByRole('grid');
      grid.scrollTop = 32 * 3;
      fireEvent.scroll(grid);
    });
    const added = [...shown()].filter((index) => !before.has(index));
    expect(added.length).toBeGreaterThan(0);
    expect(cell).toHaveBeenCalledTimes(added.length);
  });

  it('renders none of its rows again when a page of rows arrives after them', () => {
    const cell = vi.fn((value: unknown) => String(value));
    const first = authLog(1_000);
    const counted = [{ ...columns[1]!, cell }];
    const { rerender } = render(grid420(first, counted));
    expect(cell).toHaveBeenCalled();
    cell.mockClear();
    const shown = bodyRows();
    rerender(grid420([...first, ...authLog(1_000, 1_000)], counted));
    expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', '2001');
    // The same rows, still there, none of them rendered again.
    expect(bodyRows()).toEqual(shown);
    expect(shown.length).toBeGreaterThan(12);
    expect(cell).not.toHaveBeenCalled();
  });

  it('keeps rows ready ahead of a scroll, only one behind it, and both sides once it stops', async () => {
    const grid = renderThousandRows();
    // A jump mounts its rows over two frames here (ROWS_PER_FRAME); the next frame comes well before
    // the 150 ms after which a scroll counts as stopped.
    const scrollTo = async (index: number) => {
      act(() => {
        grid.scrollTop = 32 * index;
        fireEvent.scroll(grid);
      });
      await nextFrames(1);
    };
    // At rest at the top: the rows that fit the viewport, and five below them.
    const fit = bodyRows().length - 5;
    await scrollTo(500);
    // Scrolling down: five rows ready below the viewport, one kept above it.
    expect(Math.min(...mounted())).toBe(499);
    expect(Math.max(...mounted())).toBe(500 + fit - 1 + 5);
    await scrollTo(400);
    // Scrolling up: five ready above, one kept below.
    expect(Math.max(...mounted())).toBe(400 + fit - 1 + 1);
    expect(Math.min(...mounted())).toBe(400 - 5);
    // Once the scroll has stopped (150 ms without one), five rows are ready on either side again.
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(Math.min(...mounted())).toBe(400 - 5);
    expect(Math.max(...mounted())).toBe(400 + fit - 1 + 5);
  });

  it('mounts a jump’s rows from the top of the viewport first, ten a frame, and the rest in the next frame', async () => {
    const grid = renderThousandRows();
    const fit = bodyRows().length - 5;
    act(() => {
      grid.scrollTop = 32 * 500;
      fireEvent.scroll(grid);
    });
    expect(mounted()).toEqual(Array.from({ length: ROWS_PER_FRAME }, (_, i) => 500 + i));
    await nextFrames(1);
    // The rest of the viewport, the five rows ahead of it and the one kept behind it.
    expect(mounted()).toEqual(Array.from({ length: fit + 6 }, (_, i) => 499 + i));
    // A step of three rows is mounted at once.
    act(() => {
      grid.scrollTop = 32 * 503;
      fireEvent.scroll(grid);
    });
    expect(mounted()).toEqual(Array.from({ length: fit + 6 }, (_, i) => 502 + i));
  });

  it('stops rendering frame after frame once the rows a jump was mounting are gone', async () => {
    const onRender = vi.fn();
    const table = (rows: AuthLogRow[]) => (
      <Profiler id="log" onRender={onRender}>
        <LogTable title="Auth log" rows={rows} columns={columns} getRowId={getRowId} hasMore />
      </Profiler>
    );
    const { rerender } = render(table(authLog(1_000)));
    act(() => {
      const grid = screen.getByRole('grid');
      grid.scrollTop = 32 * 500;
      fireEvent.scroll(grid);
    });
    // Replaced (a new filter) before the jump's next frame: no rows, more to come.
    rerender(table([]));
    await nextFrames(1);
    const renders = onRender.mock.calls.length;
    await nextFrames(3);
    expect(onRender).toHaveBeenCalledTimes(renders);
  });

  it('sorts by a column ascending, then descending, and reports aria-sort', async () => {
    const user = userEvent.setup();
    const rows = authLog(8);
    render(<LogTable title="Auth log" rows={rows} columns={columns} getRowId={getRowId} />);
    const header = screen.getByRole('columnheader', { name: /User/ });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    const names = rows.map((r) => r.user.name);
    expect(columnText(2)).toEqual([...names].sort());
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(columnText(2)).toEqual([...names].sort().reverse());
  });

  it('sorts dates as values, newest first on descending', async () => {
    const user = userEvent.setup();
    render(<LogTable title="Auth log" rows={authLog(5)} columns={columns} getRowId={getRowId} />);
    const header = screen.getByRole('columnheader', { name: /Time/ });
    await user.click(within(header).getByRole('button'));
    await user.click(within(header).getByRole('button'));
    expect(columnText(1)[0]).toBe('2024-05-01 00:02:28 UTC');
  });

  it('leaves row order to the server when sorting is controlled', async () => {
    const user = userEvent.setup();
    const onSortingChange = vi.fn();
    const rows = authLog(6);
    render(
      <LogTable
        title="Auth log"
        rows={rows}
        columns={columns}
        getRowId={getRowId}
        sorting={[{ id: 'user.name', desc: false }]}
        onSortingChange={onSortingChange}
      />,
    );
    expect(screen.getByRole('columnheader', { name: /User/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(columnText(2)).toEqual(rows.map((r) => r.user.name));
    await user.click(within(screen.getByRole('columnheader', { name: /Result/ })).getByRole('button'));
    const updater = onSortingChange.mock.calls[0]![0] as (old: unknown) => unknown;
    expect(updater([{ id: 'user.name', desc: false }])).toEqual([{ id: 'result', desc: false }]);
  });

  it('hides a column from the column menu', async () => {
    const user = userEvent.setup();
    render(<LogTable title="Auth log" rows={authLog(3)} columns={columns} getRowId={getRowId} />);
    expect(screen.getAllByRole('columnheader')).toHaveLength(4);
    await user.click(screen.getByText(/Columns \(4\/4\)/));
    await user.click(screen.getByRole('checkbox', { name: 'IP' }));
    expect(screen.queryByRole('columnheader', { name: /IP/ })).toBeNull();
    expect(screen.getAllByRole('columnheader')).toHaveLength(3);
    expect(within(bodyRows()[0]!).getAllByRole('gridcell')).toHaveLength(3);
  });

  it('closes the column menu on Escape and on a click outside it, not on a click inside', async () => {
    const user = userEvent.setup();
    render(<LogTable title="Auth log" rows={authLog(3)} columns={columns} getRowId={getRowId} />);
    const summary = screen.getByText(/Columns \(4\/4\)/);
    const menu = summary.closest('details')!;
    expect(menu).not.toHaveAttribute('open');
    await user.click(summary);
    expect(menu).toHaveAttribute('open');
    await user.click(screen.getByRole('checkbox', { name: 'IP' }));
    expect(menu).toHaveAttribute('open');
    await user.keyboard('{Escape}');
    expect(menu).not.toHaveAttribute('open');
    expect(summary).toHaveFocus();
    await user.click(summary);
    expect(menu).toHaveAttribute('open');
    await user.click(screen.getByRole('grid'));
    expect(menu).not.toHaveAttribute('open');
    await user.click(summary);
    await user.click(summary);
    expect(menu).not.toHaveAttribute('open');
  });

  it('resizes the active header cell with Alt + arrow keys', async () => {
    const user = userEvent.setup();
    render(
      <LogTable title="Auth log" rows={authLog(3)} columns={columns} getRowId={getRowId} hideColumnMenu />,
    );
    const header = screen.getByRole('columnheader', { name: /User/ });
    expect(header.style.width).toBe('160px');
    await user.tab();
    await user.keyboard('{ArrowUp}{ArrowRight}{Alt>}{ArrowRight}{ArrowRight}{/Alt}');
    expect(header.style.width).toBe('192px');
    expect(trackOf(bodyRows()[0]!, 2)).toBe('minmax(115px, 192fr)');
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(header.style.width).toBe('176px');
  });

  it('resizes a column by dragging the edge of its header', () => {
    render(<LogTable title="Auth log" rows={authLog(3)} columns={columns} getRowId={getRowId} />);
    const header = screen.getByRole('columnheader', { name: /User/ });
    fireEvent.mouseDown(header.querySelector('[data-resizer]')!, { clientX: 100 });
    fireEvent.mouseMove(document, { clientX: 120 });
    // Live resizing: the column follows the pointer before the button is released.
    expect(header.style.width).toBe('180px');
    fireEvent.mouseMove(document, { clientX: 140 });
    fireEvent.mouseUp(document, { clientX: 140 });
    expect(header.style.width).toBe('200px');
    expect(trackOf(bodyRows()[0]!, 2)).toBe('minmax(120px, 200fr)');
  });

  it('shares the grid’s width among its columns by size, in the header and every row alike', () => {
    render(<LogTable title="Auth log" rows={authLog(3)} columns={columns} getRowId={getRowId} />);
    const headers = screen.getAllByRole('columnheader');
    const rowGroups = screen.getAllByRole('rowgroup');
    const narrowest = headers.reduce((sum, h) => sum + parseFloat(h.style.minWidth), 0);
    // Both row groups are as wide as the grid, and wider only once no column can shrink further.
    for (const group of rowGroups) {
      expect(group.style.width).toBe('100%');
      expect(group.style.minWidth).toBe(`${narrowest}px`);
    }
    // Rows are grids whose tracks grow and shrink as the header cells do: by size, down to 60% of it,
    // but a time (with its seconds and zone) and an IPv4 address keep their whole text.
    expect(headers.map((h) => [h.textContent, h.style.minWidth])).toEqual([
      ['Time', '200px'],
      ['User', '96px'],
      ['Result', '96px'],
      ['IP', '130px'],
    ]);
    headers.forEach((header, i) => {
      const size = parseFloat(header.style.width);
      expect(header.style.flexGrow).toBe(String(size));
      expect(header.style.flexShrink).toBe('1');
      expect(header.style.flexBasis).toBe(`${size}px`);
      for (const row of bodyRows())
        expect(trackOf(row, i + 1)).toBe(`minmax(${header.style.minWidth}, ${size}fr)`);
    });
  });

  it('adds its stylesheet to the page once, however many tables it shows', () => {
    render(
      <>
        <LogTable title="One" rows={authLog(3)} columns={columns} getRowId={getRowId} />
        <LogTable title="Two" rows={authLog(3)} columns={columns} getRowId={getRowId} />
      </>,
    );
    expect(screen.getAllByRole('grid')).toHaveLength(2);
    expect(document.querySelectorAll('style[data-href~="sl-log-table"]')).toHaveLength(1);
  });

  it('calls onLoadMore from the button and when scrolled near the end', () => {
    const onLoadMore = vi.fn();
    const rows = authLog(200);
    render(
      <LogTable
        title="Auth log"
        rows={rows}
        columns={columns}
        hasMore
        onLoadMore={onLoadMore}
        totalCount={5000}
      />,
    );
    expect(onLoadMore).not.toHaveBeenCalled();
    expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', '5001');
    expect(screen.getByText('200 of 5,000 rows')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
    const grid = screen.getByRole('grid');
    act(() => {
      grid.scrollTop = 32 * 190;
      fireEvent.scroll(grid);
    });
    expect(onLoadMore).toHaveBeenCalledTimes(2);
    act(() => {
      grid.scrollTop = 32 * 195;
      fireEvent.scroll(grid);
    });
    // Once per page: the same row count does not ask again.
    expect(onLoadMore).toHaveBeenCalledTimes(2);
  });

  it('does not auto-load while a page is loading, and reports an unknown total', () => {
    const onLoadMore = vi.fn();
    render(
      <LogTable
        title="Auth log"
        rows={authLog(5)}
        columns={columns}
        hasMore
        loadingMore
        onLoadMore={onLoadMore}
      />,
    );
    expect(onLoadMore).not.toHaveBeenCalled();
    expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', '-1');
    expect(screen.getByRole('button', { name: 'Load more' })).toBeDisabled();
    expect(screen.getByText('Loading more…')).toBeInTheDocument();
  });

  it('expands a row on click to show the whole nested record', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    const rows = authLog(3);
    render(
      <LogTable title="Auth log" rows={rows} columns={columns} getRowId={getRowId} onSelect={onSelect} />,
    );
    const first = bodyRows()[0]!;
    await user.click(within(first).getAllByRole('gridcell')[0]!);
    const expanded = within(first).getAllByRole('gridcell')[0]!;
    expect(expanded).toHaveAttribute('aria-expanded', 'true');
    expect(onSelect).toHaveBeenCalledWith(rows[0]);
    // The record is the expanded cell's own content: the row still has one cell per column.
    expect(within(expanded).getByText('txid').nextElementSibling).toHaveTextContent('tx-0000000');
    expect(within(expanded).getByText('country_code').nextElementSibling).toHaveTextContent(
      rows[0]!.access_device.location.country_code!,
    );
    expect(within(expanded).getByText('is_vpn').nextElementSibling).toHaveTextContent('true');
    expect(within(expanded).getByText('reason').nextElementSibling).toHaveTextContent('user_approved');
  });

  it('keeps every row to one cell per column, at its own aria-colindex, when a row is expanded', async () => {
    const user = userEvent.setup();
    render(<LogTable title="Auth log" rows={authLog(3)} columns={columns} getRowId={getRowId} />);
    const grid = screen.getByRole('grid');
    await user.click(within(bodyRows()[1]!).getAllByRole('gridcell')[2]!);
    expect(bodyRows()[1]).toHaveAttribute('data-expanded', 'true');
    const colcount = Number(grid.getAttribute('aria-colcount'));
    expect(colcount).toBe(4);
    for (const row of screen.getAllByRole('row')) {
      const owned = [...row.children].filter((cell) =>
        ['gridcell', 'columnheader'].includes(cell.getAttribute('role') ?? ''),
      );
      expect(owned.map((cell) => cell.getAttribute('aria-colindex'))).toEqual(['1', '2', '3', '4']);
      expect(owned.every((cell) => !cell.hasAttribute('aria-colspan'))).toBe(true);
    }
  });

  it('is one tab stop: arrows move the active row, Enter expands and selects, Escape collapses', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    const rows = authLog(1_000);
    render(
      <LogTable
        title="Auth log"
        rows={rows}
        columns={columns}
        getRowId={getRowId}
        onSelect={onSelect}
        hideColumnMenu
      />,
    );
    const grid = screen.getByRole('grid');
    await user.tab();
    expect(grid).toHaveFocus();
    expect(bodyRows().every((row) => !row.hasAttribute('tabindex'))).toBe(true);
    expect(grid).toHaveAttribute('aria-activedescendant', bodyRows()[0]!.id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const active = () => document.getElementById(grid.getAttribute('aria-activedescendant')!)!;
    expect(active()).toHaveAttribute('aria-rowindex', '4');
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith(rows[2]);
    const firstCell = () => within(active()).getAllByRole('gridcell')[0];
    expect(firstCell()).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(firstCell()).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{End}');
    expect(active()).toHaveAttribute('aria-rowindex', '1001');
    expect(active()).toHaveTextContent(formatTimestamp(rows[999]!.ts));
    await user.keyboard('{ArrowUp}');
    expect(active()).toHaveAttribute('aria-rowindex', '1000');
    await user.keyboard('{Home}');
    expect(active()).toHaveAttribute('aria-rowindex', '2');
  });

  it('is one tab stop with its header: the sort buttons take no Tab of their own', async () => {
    const user = userEvent.setup();
    render(
      <LogTable title="Auth log" rows={authLog(3)} columns={columns} getRowId={getRowId} hideColumnMenu />,
    );
    for (const button of within(screen.getAllByRole('row')[0]!).getAllByRole('button'))
      expect(button).toHaveAttribute('tabindex', '-1');
    await user.tab();
    expect(screen.getByRole('grid')).toHaveFocus();
    await user.tab();
    expect(document.body).toHaveFocus();
  });

  it('moves into the header with ArrowUp from the first row, across it with ←/→, and back with ArrowDown', async () => {
    const user = userEvent.setup();
    render(
      <LogTable title="Auth log" rows={authLog(5)} columns={columns} getRowId={getRowId} hideColumnMenu />,
    );
    const grid = screen.getByRole('grid');
    const active = () => document.getElementById(grid.getAttribute('aria-activedescendant')!)!;
    await user.tab();
    await user.keyboard('{ArrowUp}');
    expect(active()).toBe(screen.getByRole('columnheader', { name: /Time/ }));
    expect(active().style.outline).toMatch(/solid/);
    expect(bodyRows()[0]!.style.outline).toBe('');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(active()).toBe(screen.getByRole('columnheader', { name: /Result/ }));
    await user.keyboard('{ArrowLeft}');
    expect(active()).toBe(screen.getByRole('columnheader', { name: /User/ }));
    await user.keyboard('{End}');
    expect(active()).toBe(screen.getByRole('columnheader', { name: /IP/ }));
    await user.keyboard('{ArrowRight}');
    expect(active()).toBe(screen.getByRole('columnheader', { name: /IP/ }));
    await user.keyboard('{Home}');
    expect(active()).toBe(screen.getByRole('columnheader', { name: /Time/ }));
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(active()).toBe(bodyRows()[0]);
    expect(active().style.outline).toMatch(/solid/);
    // Back up, the keyboard is on the header cell it left.
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowUp}');
    expect(active()).toBe(screen.getByRole('columnheader', { name: /User/ }));
  });

  it('sorts the active header cell with Enter and Space', async () => {
    const user = userEvent.setup();
    const rows = authLog(8);
    render(<LogTable title="Auth log" rows={rows} columns={columns} getRowId={getRowId} hideColumnMenu />);
    const header = screen.getByRole('columnheader', { name: /User/ });
    await user.tab();
    await user.keyboard('{ArrowUp}{ArrowRight}{Enter}');
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(columnText(2)).toEqual(rows.map((r) => r.user.name).sort());
    await user.keyboard(' ');
    expect(header).toHaveAttribute('aria-sort', 'descending');
    // Enter in the header sorts; it neither expands a row nor leaves the header.
    expect(bodyRows().every((row) => row.getAttribute('data-expanded') === 'false')).toBe(true);
    expect(screen.getByRole('grid')).toHaveAttribute('aria-activedescendant', header.id);
  });

  it('leaves a column that cannot be sorted as it is on Enter', async () => {
    const user = userEvent.setup();
    const fixed = columns.map((column, i) => (i === 0 ? { ...column, sortable: false } : column));
    render(
      <LogTable title="Auth log" rows={authLog(4)} columns={fixed} getRowId={getRowId} hideColumnMenu />,
    );
    await user.tab();
    await user.keyboard('{ArrowUp}{Enter}');
    for (const header of screen.getAllByRole('columnheader'))
      expect(header.getAttribute('aria-sort') ?? 'none').toBe('none');
  });

  it('gives the grid focus, on the clicked header cell, when a sort button is clicked', async () => {
    const user = userEvent.setup();
    render(<LogTable title="Auth log" rows={authLog(4)} columns={columns} getRowId={getRowId} />);
    const header = screen.getByRole('columnheader', { name: /Result/ });
    await user.click(within(header).getByRole('button'));
    const grid = screen.getByRole('grid');
    expect(grid).toHaveFocus();
    expect(grid).toHaveAttribute('aria-activedescendant', header.id);
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    await user.keyboard('{ArrowDown}');
    expect(grid).toHaveAttribute('aria-activedescendant', bodyRows()[0]!.id);
  });

  it('shows loading, empty and error states', () => {
    const { rerender } = render(<LogTable title="Auth log" rows={[]} columns={columns} loading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    rerender(<LogTable title="Auth log" rows={[]} columns={columns} />);
    expect(screen.getByRole('status')).toHaveTextContent('No events match these filters.');
    rerender(<LogTable title="Auth log" rows={[]} columns={columns} error="Elasticsearch unavailable" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Elasticsearch unavailable');
  });
});
