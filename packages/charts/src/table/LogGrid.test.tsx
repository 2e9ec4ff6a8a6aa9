import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ColumnMenu } from './ColumnMenu';
import type * as ColumnMenuModule from './ColumnMenu';
import { HeaderCell } from './HeaderCell';
import type * as HeaderCellModule from './HeaderCell';
import { LogTable } from './LogTable';
import { columnsFromFields } from './columns';
import { authLog, type AuthLogRow } from './fixtures/authLog';

// The table's own parts, counted as they render (each still renders what it always does).
vi.mock('./HeaderCell', async (original) => {
  const module = await original<typeof HeaderCellModule>();
  return { ...module, HeaderCell: vi.fn(module.HeaderCell) };
});
vi.mock('./ColumnMenu', async (original) => {
  const module = await original<typeof ColumnMenuModule>();
  return { ...module, ColumnMenu: vi.fn(module.ColumnMenu) };
});

const columns = columnsFromFields<AuthLogRow>([
  { id: 'ts', label: 'Time', type: 'date' },
  { id: 'user.name', label: 'User', type: 'keyword' },
]);

describe('LogGrid', () => {
  it('renders only the rows again while the grid scrolls, not the header or the column menu', () => {
    render(
      <LogTable title="Auth log" rows={authLog(1_000)} columns={columns} getRowId={(row) => row.txid} />,
    );
    const grid = screen.getByRole('grid');
    const rowIndexes = () =>
      screen.getAllByRole('row').map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(vi.mocked(HeaderCell)).toHaveBeenCalled();
    expect(vi.mocked(ColumnMenu)).toHaveBeenCalled();
    vi.mocked(HeaderCell).mockClear();
    vi.mocked(ColumnMenu).mockClear();
    for (const top of [32 * 3, 32 * 6, 32 * 400])
      act(() => {
        grid.scrollTop = top;
        fireEvent.scroll(grid);
      });
    // The rows moved with the scroll; the header row is still there, and was never rendered again.
    expect(Math.max(...rowIndexes())).toBeGreaterThan(400);
    expect(rowIndexes()).toContain(1);
    expect(screen.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Time', 'User']);
    expect(vi.mocked(HeaderCell)).not.toHaveBeenCalled();
    expect(vi.mocked(ColumnMenu)).not.toHaveBeenCalled();
  });
});
