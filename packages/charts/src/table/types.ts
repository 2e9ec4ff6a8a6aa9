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
  /** Smallest width when resizing (default 60). */
  minSize?: number;
  /**
   * The narrowest it gets when the grid is short of room, before the grid scrolls sideways (default
   * 60% of its size, at least 64 px; never more than its size). `columnsFromFields` sets it for times
   * and addresses, whose text is of little use cut short.
   */
  shrinkTo?: number;
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
