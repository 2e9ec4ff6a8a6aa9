import { stringify } from 'csv-stringify/sync';
import { authLogFields, type FieldKind, type FieldName } from '@sightline/schema';
import { recordSource, type Records } from './records';

/** Separator between the items of an array field (`user.groups`, `quality`) inside one CSV cell. */
export const ARRAY_SEPARATOR = ';';
/** Prepended to a cell a spreadsheet would otherwise read as a formula (OWASP CSV injection). */
export const FORMULA_GUARD = "'";
/** Spreadsheets (Excel above all) read a file as UTF-8 only when it starts with this byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet evaluate what follows them: OWASP's list (= + - @) plus their
 * full-width forms, which some spreadsheets normalise to the ASCII ones before evaluating.
 */
const TRIGGERS = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20';

/** Tab, CR and LF start a formula only as a cell's very first character (OWASP). */
const LEADING_TRIGGERS = new Set(['\t', '\r', '\n']);

/**
 * Where a spreadsheet may start a new cell inside one of ours: at its start; after a list separator
 * (`,` in English locales, `;` in German, French, Spanish, Italian, Dutch, and arrays are joined
 * with `;`), as Excel splits on its locale's separator without honouring quotes that do not open a
 * field; after a tab (pasted text); after a line break (a reader that ignores the quotes around it).
 * A part is dangerous when its first character, after spaces and quotes, is a trigger.
 */
const DANGEROUS_PART = new RegExp(`(^|[,;\\t\\r\\n])(?=[ "]*[${TRIGGERS}])`, 'g');
const DANGEROUS_PART_TEST = new RegExp(DANGEROUS_PART.source);

/** Whether a spreadsheet, in any locale, could read some part of this text as a formula. */
export function mayBecomeFormula(text: string): boolean {
  return (text.length > 0 && LEADING_TRIGGERS.has(text[0]!)) || DANGEROUS_PART_TEST.test(text);
}

/**
 * Makes a spreadsheet show the text instead of evaluating any of it: every dangerous part gets a
 * leading `'`, so whichever separator a spreadsheet splits at, no piece starts like a formula.
 */
export function neutraliseFormula(text: string): string {
  if (!mayBecomeFormula(text)) return text;
  const lead = LEADING_TRIGGERS.has(text[0]!) ? FORMULA_GUARD : '';
  return lead + text.replace(DANGEROUS_PART, `$1${FORMULA_GUARD}`);
}

/**
 * One cell's text. `numeric` marks text we produced from a JSON number (sequence numbers,
 * coordinates): a negative number is a value, not a formula, so it is never guarded.
 */
interface Cell {
  text: string;
  numeric: boolean;
}

const EMPTY: Cell = { text: '', numeric: false };
const text = (t: string): Cell => ({ text: t, numeric: false });
const number = (n: number): Cell => ({ text: String(n), numeric: true });

function isoUtc(value: string | number): Cell {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? text(String(value)) : text(d.toISOString());
}

function scalar(value: unknown): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return number(value);
  if (typeof value === 'string') return text(value);
  if (typeof value === 'boolean') return text(value ? 'true' : 'false');
  return text(JSON.stringify(value));
}

function geo(value: unknown): Cell {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { lat, lon } = value as { lat?: unknown; lon?: unknown };
    if (typeof lat === 'number' && typeof lon === 'number') return { text: `${lat},${lon}`, numeric: true };
  }
  // GeoJSON order is [lon, lat]; the cell always reads "lat,lon".
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
    return { text: `${value[1]},${value[0]}`, numeric: true };
  }
  return scalar(value);
}

/** The text of one field's value, by the schema's kind of that field. */
export function formatValue(value: unknown, kind: FieldKind): Cell {
  if (value === null || value === undefined) return EMPTY;
  switch (kind) {
    case 'date':
      return typeof value === 'string' || typeof value === 'number' ? isoUtc(value) : scalar(value);
    case 'boolean':
    case 'tristate':
      // Tri-state values may be stored as booleans or as the strings "true" / "false" / "unknown".
      return scalar(value);
    case 'keyword[]':
      return Array.isArray(value)
        ? text(value.map((v) => scalar(v).text).join(ARRAY_SEPARATOR))
        : scalar(value);
    case 'geo_point':
      return geo(value);
    default:
      return scalar(value);
  }
}

/** getPath with the path split once per export rather than once per cell. */
function valueAt(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export interface CsvOptions {
  columns: readonly FieldName[];
  /** Guard cells that start like a formula (default true); false only for consumers that never open a spreadsheet. */
  escapeFormulae?: boolean;
  /** Start the file with a UTF-8 byte order mark, for spreadsheet users. */
  bom?: boolean;
}

export interface CsvEncoder {
  /** The header row (with the byte order mark when asked for). */
  header(): string;
  /** Complete rows for these records (from `from` to `to`), each ending in CRLF. */
  rows(records: Records, from?: number, to?: number): string;
}

/**
 * RFC 4180 CSV of auth log records: CRLF line ends, quoting by csv-stringify. The formula guard is
 * applied here rather than by csv-stringify's `escape_formulas`, which misses a leading LF.
 */
export function createCsvEncoder({ columns, escapeFormulae = true, bom = false }: CsvOptions): CsvEncoder {
  const kinds = columns.map((c) => authLogFields[c].kind);
  const paths = columns.map((c) => c.split('.'));
  // quote_record_delimiter: with an explicit record delimiter csv-stringify would stop quoting a bare LF or CR.
  // quoted_match: a cell holding a `;` is quoted as well as one holding the delimiter, so readers that
  // split at either list separator but honour quotes keep it whole.
  const options = {
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    quoted_match: /[;\t]/,
    eof: true,
  } as const;
  const cellText = (cell: Cell) =>
    escapeFormulae && !cell.numeric ? neutraliseFormula(cell.text) : cell.text;
  return {
    header: () => (bom ? UTF8_BOM : '') + stringify([columns as string[]], options),
    rows(records, from = 0, to = records.length) {
      if (to <= from) return '';
      const source = recordSource(records);
      const table: string[][] = [];
      for (let i = from; i < to; i++) {
        // Decoded one row at a time and dropped at once: only the cells' text outlives the row.
        const record = source.value(i);
        table.push(paths.map((path, c) => cellText(formatValue(valueAt(record, path), kinds[c]!))));
      }
      return stringify(table, options);
    },
  };
}
