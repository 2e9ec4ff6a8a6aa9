import { memo, useDeferredValue } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { visuallyHidden } from './visuallyHidden';

export interface VisuallyHiddenTableProps {
  /** Table caption, read before the data (usually the chart title). */
  caption: string;
  /** Column headers; the first column is treated as the row header. */
  columns: readonly string[];
  /** Rows of cells, aligned with `columns`. */
  rows: readonly (readonly ReactNode[])[];
  /** Caps the rows rendered (huge series would bloat the DOM); a note says how many were left out. */
  maxRows?: number;
  /** Row count of the full data when `rows` is already a slice of it (for the caption's note). */
  totalRows?: number;
}

const NO_ROWS: readonly (readonly ReactNode[])[] = [];

/**
 * Nothing outside the 1 px box depends on the table, and nobody sees its columns: its layout is
 * contained, and fixed (columns from the first row) rather than measured over every cell, which for
 * a week's hourly series was most of the page's layout each time the data changed.
 */
const WRAPPER: CSSProperties = { ...visuallyHidden, contain: 'strict' };
const TABLE: CSSProperties = { tableLayout: 'fixed', width: 1 };

/**
 * The chart's data as a real `<table>`, hidden visually but available to screen readers. The hiding
 * style sits on a wrapping div, since a table ignores `height: 1px` and would stretch the page by its
 * full length. Memoised: pass stable `columns` and `rows` (useMemo) and hovering the chart never
 * re-renders it. Its rows come in a deferred render, right after the chart is drawn: a week's hourly
 * series is over a thousand cells, half of a dashboard's elements, which the chart need not wait for.
 */
export const VisuallyHiddenTable = memo(function VisuallyHiddenTable({
  caption,
  columns,
  rows,
  maxRows = 500,
  totalRows,
}: VisuallyHiddenTableProps) {
  const current = useDeferredValue(rows, NO_ROWS);
  const shown = current.length > maxRows ? current.slice(0, maxRows) : current;
  const total = current === rows ? (totalRows ?? rows.length) : shown.length;
  return (
    <div style={WRAPPER}>
      {/* data-pending: the rows are still to come (tests wait for them). */}
      <table style={TABLE} data-sl-hidden-table="" {...(current === rows ? {} : { 'data-pending': '' })}>
        <caption>
          {caption}
          {shown.length < total ? ` (first ${shown.length} of ${total} rows)` : ''}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th key={c} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={c}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
