import type { Header, RowData } from '@tanstack/react-table';
import { themeVar } from '../theme/palette';
import { fillShare } from './fillShare';
import type { LogTableFeatures, LogTableInstance } from './useLogTable';

const ariaSort = { asc: 'ascending', desc: 'descending' } as const;
const arrow = { asc: '▲', desc: '▼' } as const;

export interface HeaderCellProps<TRow extends RowData> {
  header: Header<LogTableFeatures, TRow, unknown>;
  table: LogTableInstance<TRow>;
  /** 1-based column index for `aria-colindex`. */
  colIndex: number;
}

/**
 * A column header: a sort button (click, Enter; Shift adds a secondary sort), `aria-sort`, and a
 * resize handle (drag, or Alt + ←/→ on the header button).
 */
export function HeaderCell<TRow extends RowData>({ header, table, colIndex }: HeaderCellProps<TRow>) {
  const { column } = header;
  const sorted = column.getIsSorted();
  const label = String(column.columnDef.header);
  const end = column.columnDef.meta?.align === 'end';
  const resize = (delta: number) =>
    table.setColumnSizing((sizing) => ({
      ...sizing,
      [column.id]: Math.max(column.columnDef.minSize ?? 60, column.getSize() + delta),
    }));
  return (
    <div
      role="columnheader"
      aria-colindex={colIndex}
      aria-sort={sorted ? ariaSort[sorted] : column.getCanSort() ? 'none' : undefined}
      style={{
        position: 'relative',
        ...fillShare(header.getSize()),
        boxSizing: 'border-box',
        padding: '0 4px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: end ? 'flex-end' : 'flex-start',
        fontWeight: 600,
      }}
    >
      {column.getCanSort() ? (
        <button
          type="button"
          onClick={column.getToggleSortingHandler()}
          onKeyDown={(event) => {
            if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
            event.preventDefault();
            resize(event.key === 'ArrowRight' ? 16 : -16);
          }}
          title={`Sort by ${label}; Alt + arrows resize`}
          style={{
            background: 'none',
            border: 0,
            color: 'inherit',
            font: 'inherit',
            textAlign: 'inherit',
            cursor: 'pointer',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            padding: '0 4px',
          }}
        >
          {label}
          <span aria-hidden="true" style={{ marginLeft: 4, color: themeVar.muted }}>
            {sorted ? arrow[sorted] : ''}
          </span>
        </button>
      ) : (
        <span
          style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '0 4px' }}
        >
          {label}
        </span>
      )}
      {column.getCanResize() && (
        <div
          aria-hidden="true"
          data-resizer=""
          onMouseDown={header.getResizeHandler()}
          onTouchStart={header.getResizeHandler()}
          onDoubleClick={() => column.resetSize()}
          style={{
            position: 'absolute',
            right: 0,
            top: 0,
            bottom: 0,
            width: 6,
            cursor: 'col-resize',
            touchAction: 'none',
            userSelect: 'none',
            background: column.getIsResizing() ? themeVar.focus : 'transparent',
          }}
        />
      )}
    </div>
  );
}
