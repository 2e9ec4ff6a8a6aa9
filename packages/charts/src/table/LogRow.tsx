import { memo } from 'react';
import type { Cell, Row, RowData } from '@tanstack/react-table';
import { themeVar } from '../theme/palette';
import { RecordDetails } from './RecordDetails';
import type { LogTableFeatures } from './useLogTable';

export interface LogRowProps<TRow extends RowData> {
  row: Row<LogTableFeatures, TRow>;
  /** The row's visible cells: TanStack returns a new array when columns are shown or hidden. */
  cells: Cell<LogTableFeatures, TRow, unknown>[];
  /** The visible columns' grid tracks (fillShareTracks): resizing a column renders the row again. */
  tracks: string;
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

/**
 * What every row and cell share, as rules rather than inline styles: a jump of the scrollbar mounts
 * a screenful of rows at once, and an inline style is set property by property on each new element
 * and matched afresh by the browser, where a class is one attribute and one cached match. Only what
 * differs between rows (offset, highlight) and the columns' tracks stay inline: tracks taken from a
 * custom property instead cost more style work per mounted row than they save when a column is
 * resized (bench/results/dashboard-scale10m-scroll-tracks.md). `--sl-log-line` (set on the grid) is a
 * collapsed row's line height. Scoped to the table, so that a page's own rules for rows and cells
 * do not move them.
 */
export const logRowCss = `.sl-log-table .sl-log-row{position:absolute;top:0;left:0;width:100%;display:grid;cursor:pointer;border-bottom:1px solid ${themeVar.grid}}
.sl-log-table .sl-log-cell{box-sizing:border-box;padding:0 8px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;line-height:var(--sl-log-line);text-align:left}
.sl-log-table .sl-log-end{text-align:right}
.sl-log-table .sl-log-open{grid-area:1 / 1 / span 2 / -1;display:grid;min-width:0}
.sl-log-table .sl-log-details{grid-column:1 / -1;min-width:0;border-top:1px dashed ${themeVar.grid}}`;

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
  const { row, cells, tracks, index, start, open, highlighted, rowHeight, measure } = props;
  return (
    <div
      id={props.domId}
      role="row"
      aria-rowindex={index + 2}
      data-expanded={open}
      data-index={index}
      ref={measure}
      className="sl-log-row"
      style={{
        // Not a transform, which gives each row a paint property node of its own for every frame's
        // pre-paint to walk (bench/results/dashboard-log-row-top.md).
        top: start,
        gridTemplateColumns: tracks,
        gridTemplateRows: `minmax(${rowHeight - 1}px, auto)`,
        ...(highlighted
          ? { background: themeVar.selection, outline: `2px solid ${themeVar.focus}`, outlineOffset: -2 }
          : {}),
      }}
    >
      {cells.map((cell, c) => {
        const className =
          cell.column.columnDef.meta?.align === 'end' ? 'sl-log-cell sl-log-end' : 'sl-log-cell';
        // The record belongs to the expanded cell, so the row owns one cell per column. That cell then
        // spans the row as a grid of the same columns: its value stays in the first, and the record
        // runs across all of them below. An open row's cells are placed explicitly, so the others sit
        // over it; a closed row's fall in place, one per column.
        const expanded = c === 0 && open;
        return (
          <div
            key={cell.id}
            role="gridcell"
            aria-colindex={c + 1}
            // ARIA allows aria-expanded on a row only in a treegrid; the first cell carries it.
            aria-expanded={c === 0 ? open : undefined}
            className={expanded ? 'sl-log-open' : className}
            style={
              expanded ? { gridTemplateColumns: tracks } : open ? { gridArea: `1 / ${c + 1}` } : undefined
            }
          >
            {expanded ? (
              <>
                <div className={className}>{content(cell)}</div>
                <div className="sl-log-details">
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
