import { getPath, type FieldName } from '../log';
import type { LogRow, ReportResult } from './result';

/** A result as a plain table: for terminals and quick looks. Pure. */
export interface TextTable {
  headers: string[];
  rows: string[][];
}

export interface ResultTableOptions {
  /** The log's columns, as its view asked for them; without, a compact set that fits a terminal. */
  columns?: readonly FieldName[];
}

/** A full record has ~40 fields, far too wide for a terminal: these say who did what, when, from where. */
export const DEFAULT_LOG_TABLE_COLUMNS: readonly FieldName[] = [
  'ts',
  'result',
  'user.name',
  'application.name',
  'access_device.ip',
];

const HEADLINE_FIGURES = [
  ['attempts', 'attempts'],
  ['failure rate', 'failureRate'],
  ['distinct users', 'distinctUsers'],
  ['countries', 'countries'],
] as const;

const num = (v: number, metric?: string) =>
  metric === 'failure_rate' ? `${(v * 100).toFixed(1)}%` : Number.isInteger(v) ? String(v) : v.toFixed(3);

export function resultTable(result: ReportResult, options: ResultTableOptions = {}): TextTable {
  switch (result.view) {
    case 'breakdown':
      // Empty rows would read as "none found": say the data cannot answer instead.
      if (result.notAvailable)
        return { headers: ['key', result.metric], rows: [[`(${result.notAvailable.message})`, '']] };
      return {
        headers: ['key', result.metric],
        rows: [
          ...result.rows.map((r) => [r.label, num(r.value, result.metric)]),
          ['(total)', num(result.total, result.metric)],
        ],
      };
    case 'timeseries':
      return {
        headers: ['time', ...result.series],
        rows: result.rows.map((r) => [
          new Date(r.t).toISOString(),
          ...result.series.map((s) => num(r.values[s] ?? 0, result.metric)),
        ]),
      };
    case 'geo':
      return {
        headers: ['key', 'label', result.metric, 'lat', 'lon'],
        rows: result.rows.map((r) => [
          r.key,
          r.label ?? '',
          num(r.value, result.metric),
          r.lat?.toFixed(2) ?? '',
          r.lon?.toFixed(2) ?? '',
        ]),
      };
    case 'significant':
      return {
        headers: ['field', 'key', 'score', 'count', 'background'],
        rows: result.rows.map((r) => [
          r.field,
          r.key,
          r.score.toFixed(3),
          String(r.count),
          String(r.backgroundCount),
        ]),
      };
    case 'headline': {
      const figures = HEADLINE_FIGURES.map(([name, key]) => {
        const now = result.current[key];
        const before = result.previous?.figures[key];
        const show = (v: number) => num(v, key === 'failureRate' ? 'failure_rate' : undefined);
        return [name, show(now), ...(before === undefined ? [] : [show(before)])];
      });
      return {
        headers: ['figure', 'period', ...(result.previous ? ['previous period'] : [])],
        rows: figures,
      };
    }
    case 'log': {
      const columns = options.columns ?? DEFAULT_LOG_TABLE_COLUMNS;
      return {
        headers: [...columns],
        rows: result.rows.map((r) => columns.map((c) => cellOf(r, c))),
      };
    }
  }
}

/** A log cell as text; a field the page did not carry (or a null) is an empty cell. */
function cellOf(row: LogRow, column: FieldName): string {
  const value = getPath(row, column);
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') {
    const { lat, lon } = value as { lat?: unknown; lon?: unknown };
    return `${String(lat)},${String(lon)}`;
  }
  return String(value);
}

/** Column-aligned text of a table. */
export function formatTable({ headers, rows }: TextTable): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
