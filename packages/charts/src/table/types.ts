import type { ReactNode } from 'react';

/** One column of a {@link LogTable}. */
export interface LogColumn<TRow> {
  /** Unique id; also the key in sorting, visibility and sizing state. */
  id: string;
  /** Header text. */
  header: string;
  /** Reads the raw value from a row (used for sorting and passed to `cell`). */
  accessor: (row: TRow) => unknown;
  /** Renders the value; defaults to `String(value)`, with "—" for null or missing. */
  cell?: (value: unknown, row: TRow) => ReactNode;
  /** Initial width in px (default 160). */
  size?: number;
  /**
   * Smallest width (default 60): when resizing, and when the grid is short of room, where columns
   * otherwise narrow to 60% of their size before it scrolls sideways. `columnsFromFields` sets it for
   * times and addresses, whose text must show whole.
   */
  minSize?: number;
  /** Set false for columns that cannot be sorted. */
  sortable?: boolean;
  /** How values compare: as text (default), or as numbers / ISO dates ("basic"). */
  sortAs?: 'text' | 'basic';
  /** Right-aligns numbers. */
  align?: 'start' | 'end';
}

/** How a log field is typed, mirroring the query API's field catalog. */
export type LogFieldType =
  'keyword' | 'keyword[]' | 'date' | 'ip' | 'boolean' | 'number' | 'long' | 'tristate' | 'geo_point';

/** A field of the record, as the field catalog describes it. */
export interface LogField {
  /** Dotted path into the record ("access_device.location.country"). */
  id: string;
  /** Column header. */
  label: string;
  /** Value type: picks the formatter, alignment and comparison. */
  type: LogFieldType;
}
