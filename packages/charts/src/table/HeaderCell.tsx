import type { Header, RowData } from '@tanstack/react-table';
import { themeVar } from '../theme/palette';
import { fillShare } from './fillShare';
import type { LogTableFeatures } from './useLogTable';

const ariaSort = { asc: 'ascending', desc: 'descending' } as const;
const arrow = { asc: '▲', desc: '▼' } as const;

export interface HeaderCellProps<TRow extends RowData> {
  header: Header<LogTableFeatures, TRow, unknown>;
  /** 1-based column index for `aria-colindex`. */
  colIndex: number;
  /** Id the grid's `aria-activedescendant` points at when the keyboard is on this cell. */
  domId: string;
  /** The keyboard is on this cell and the grid has focus: it shows the focus ring. */
  highlighted: boolean;
  /** A click on the sort button (`from`): the grid takes focus and the keyboard moves to this cell. */
  onPick: (from: HTMLElement) => void;
}

/** Widens (or narrows, for a negative `delta`) a column, down to its minimum size. */
export function resizeColumn<TRow extends RowData>(
  header: Header<LogTableFeatures, TRow, unknown>,
  delta: number,
) {
  const { column } = header;
  header.table.setColumnSizing((sizing) => ({
    ...sizing,
    [column.id]: Math.max(column.columnDef.minSize ?? 60, column.getSize() + delta),
  }));
}

/**
 * A column header: a sort button (click; Shift adds a secondary sort), `aria-sort`, and a resize
 * handle to drag. The button is no tab stop: the grid is one, and its keyboard sorts and resizes the
 * active header cell (see `useGridKeyboard`).
 */
export function HeaderCell<TRow extends RowData>(props: HeaderCellProps<TRow>) {
  const { header, colIndex, domId, highlighted, onPick } = props;
  const { column } = header;
  const sorted = column.getIsSorted();
  const label = String(column.columnDef.header);
  const end = column.columnDef.meta?.align === 'end';
  return (
    <div
      id={domId}
      role="columnheader"
      aria-colindex={colIndex}
      aria-sort={sorted ? ariaSort[sorted] : column.getCanSort() ? 'none' : undefined}
      style={{
        position: 'relative',
        ...fillShare({ size: header.getSize(), shrinkTo: header.column.columnDef.meta?.shrinkTo }),
        boxSizing: 'border-box',
        padding: '0 4px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: end ? 'flex-end' : 'flex-start',
        fontWeight: 600,
        background: highlighted ? themeVar.selection : undefined,
        outline: highlighted ? `2px solid ${themeVar.focus}` : undefined,
        outlineOffset: -2,
      }}
    >
      {column.getCanSort() ? (
        <button
          type="button"
          tabIndex={-1}
          // Focus stays on the grid, which owns the keyboard; a click moves it there.
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => {
            column.getToggleSortingHandler()?.(event);
            onPick(event.currentTarget);
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
