import { memo } from 'react';
import type { Cell, Row, RowData } from '@tanstack/react-table';
import { themeVar } from '../theme/palette';
import { fillShareTracks } from './fillShare';
import { RecordDetails } from './RecordDetails';
import type { LogTableFeatures } from './useLogTable';

export interface LogRowProps<TRow extends RowData> {
  row: Row<LogTableFeatures, TRow>;
  /** The row's visible cells: TanStack returns a new array when columns are shown or hidden. */
  cells: Cell<LogTableFeatures, TRow, unknown>[];
  /** The visible columns' widths, joined: resizing a column renders the row again. */
  widths: string;
  /** Display index, 0-based. */
  index: number;
  /** Offset from the top of the body in px. */
  start: number;
  domId: string;
  open: boolean;
  /** The keyboard-active row of the focused grid. */
  highlighted: boolean;
  rowHeight: number;
  /** The virtualizer's `measureElement`, which measures the row and follows its size. */
  measure: (element: HTMLDivElement | null) => void;
}

const cellStyle = {
  boxSizing: 'border-box',
  padding: '0 8px',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
} as const;

/**
 * The cell's content. The log table's column renderers are plain functions (see `toColumnDef`), so
 * they are called, not mounted as components as TanStack's `FlexRender` would: two fewer fibers per
 * cell to create while scrolling.
 */
function content<TRow extends RowData>(cell: Cell<LogTableFeatures, TRow, unknown>) {
  const render = cell.column.columnDef.cell;
  return typeof render === 'function' ? render(cell.getContext()) : render;
}

function LogRowImpl<TRow extends RowData>(props: LogRowProps<TRow>) {
  const { row, cells, widths, index, start, open, highlighted, rowHeight, measure } = props;
  const tracks = fillShareTracks(widths ? widths.split(' ').map(Number) : []);
  return (
    <div
      id={props.domId}
      role="row"
      aria-rowindex={index + 2}
      data-expanded={open}
      data-index={index}
      ref={measure}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        transform: `translateY(${start}px)`,
        display: 'grid',
        gridTemplateColumns: tracks,
        gridTemplateRows: `minmax(${rowHeight - 1}px, auto)`,
        cursor: 'pointer',
        borderBottom: `1px solid ${themeVar.grid}`,
        background: highlighted ? themeVar.selection : undefined,
        outline: highlighted ? `2px solid ${themeVar.focus}` : undefined,
        outlineOffset: -2,
      }}
    >
      {cells.map((cell, c) => {
        const style = {
          ...cellStyle,
          lineHeight: `${rowHeight - 1}px`,
          textAlign: cell.column.columnDef.meta?.align === 'end' ? 'right' : 'left',
        } as const;
        // The record belongs to the expanded cell, so the row owns one cell per column. That cell then
        // spans the row as a grid of the same columns: its value stays in the first, and the record
        // runs across all of them below. Cells are placed explicitly, so the others sit over it.
        const expanded = c === 0 && open;
        return (
          <div
            key={cell.id}
            role="gridcell"
            aria-colindex={c + 1}
            // ARIA allows aria-expanded on a row only in a treegrid; the first cell carries it.
            aria-expanded={c === 0 ? open : undefined}
            style={
              expanded
                ? {
                    gridArea: '1 / 1 / span 2 / -1',
                    display: 'grid',
                    gridTemplateColumns: tracks,
                    minWidth: 0,
                  }
                : { ...style, gridArea: `1 / ${c + 1}` }
            }
          >
            {expanded ? (
              <>
                <div style={style}>{content(cell)}</div>
                <div style={{ gridColumn: '1 / -1', minWidth: 0, borderTop: `1px dashed ${themeVar.grid}` }}>
                  <RecordDetails record={row.original} />
                </div>
              </>
            ) : (
              content(cell)
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * A body row of a {@link LogTable}. Memoised: scrolling renders only the rows it brings into view,
 * not every mounted row. Clicks are handled by the body, which reads `data-index`.
 */
export const LogRow = memo(LogRowImpl) as typeof LogRowImpl;
