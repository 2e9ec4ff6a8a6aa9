import { formatValue } from './formatCell';
import type { LogColumn, LogField, LogFieldType } from './types';

/** Reads a dotted path ("user.name") from a nested record; undefined when a parent is missing. */
export function getPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const widths: Partial<Record<LogFieldType, number>> = {
  date: 200,
  ip: 140,
  boolean: 90,
  tristate: 100,
  number: 100,
  long: 100,
  'keyword[]': 200,
};

/**
 * How far columns of these types narrow when the grid is short of room (see LogColumn.shrinkTo): a
 * time with its seconds and short zone name in English, and an IPv4 address, show whole. Longer
 * zone names, other locales' formats and IPv6 addresses may still be cut, with an ellipsis.
 */
const shrinkTo: Partial<Record<LogFieldType, number>> = { date: 200, ip: 130 };

/** Options of {@link columnsFromFields}. */
export interface ColumnsFromFieldsOptions {
  /** Locale for numbers (fixed by default so server and client agree). */
  locale?: string;
}

/**
 * Builds typed columns from a field list: dotted-path accessors, a formatter, alignment, width and
 * comparison per type. Null becomes undefined so sorting puts missing values last.
 *
 * @example
 * const columns = columnsFromFields<AuthLogRecord>([
 *   { id: 'ts', label: 'Time', type: 'date' },
 *   { id: 'user.name', label: 'User', type: 'keyword' },
 * ]);
 */
export function columnsFromFields<TRow>(
  fields: readonly LogField[],
  options: ColumnsFromFieldsOptions = {},
): LogColumn<TRow>[] {
  return fields.map(({ id, label, type }) => {
    const numeric = type === 'number' || type === 'long';
    return {
      id,
      header: label,
      accessor: (row: TRow) => {
        const value = getPath(row, id);
        if (value === null) return undefined;
        return Array.isArray(value) ? value.join(', ') : value;
      },
      cell: (value: unknown) => formatValue(value, type, options.locale),
      size: widths[type] ?? 160,
      ...(shrinkTo[type] !== undefined ? { shrinkTo: shrinkTo[type] } : {}),
      sortAs: numeric || type === 'date' ? 'basic' : 'text',
      sortable: type !== 'geo_point',
      ...(numeric ? { align: 'end' as const } : {}),
    };
  });
}

/** Maps an entry of the query API's field catalog (`{ name, label, kind }`) to a {@link LogField}. */
export function fieldFromCatalog(info: { name: string; label: string; kind: string }): LogField {
  const known: readonly string[] = ['keyword', 'keyword[]', 'date', 'ip', 'boolean', 'tristate', 'geo_point'];
  const type =
    info.kind === 'long' ? 'number' : known.includes(info.kind) ? (info.kind as LogFieldType) : 'keyword';
  return { id: info.name, label: info.label, type };
}
