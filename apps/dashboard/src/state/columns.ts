import { defaultColumns, fieldNames, isFieldName, type FieldName } from '@sightline/schema';

/** The log's columns when a link names none: the schema's default columns, in its order. */
export const DEFAULT_COLUMNS: readonly FieldName[] = defaultColumns;

/** Unknown names a link's column list may report by name before the rest are only counted. */
const NAMED_UNKNOWN = 5;

/** `ts,user.name,result`: the shown columns in their order, field names as the schema spells them. */
export function encodeColumns(columns: readonly FieldName[]): string {
  return columns.join(',');
}

export function sameColumns(a: readonly FieldName[], b: readonly FieldName[]): boolean {
  return a.length === b.length && a.every((field, i) => field === b[i]);
}

/**
 * Reads a link's column list: every field of the schema may be a column, each once, in the order
 * given. Unknown names are left out and reported; a list with none known gives the default columns.
 */
export function decodeColumns(value: string): { columns: FieldName[]; problem?: string } {
  const columns: FieldName[] = [];
  const unknown: string[] = [];
  for (const part of value.split(',')) {
    const name = part.trim();
    if (!name) continue;
    if (!isFieldName(name)) unknown.push(name);
    else if (!columns.includes(name)) columns.push(name);
  }
  const listed = unknown
    .slice(0, NAMED_UNKNOWN)
    .map((name) => `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}"`)
    .join(', ');
  const more = unknown.length > NAMED_UNKNOWN ? ` and ${unknown.length - NAMED_UNKNOWN} more` : '';
  const why = unknown.length > 0 ? `no field is named ${listed}${more}` : undefined;
  if (columns.length === 0)
    return {
      columns: [...DEFAULT_COLUMNS],
      problem: `${why ?? 'the column list is empty'}; showing the default columns`,
    };
  return why ? { columns, problem: `${why}; showing the other columns` } : { columns };
}

/**
 * The columns after the chooser changed visibility: those still shown keep their places, newly
 * shown ones join at the end (in the schema's order), and at least one stays.
 */
export function columnsAfterToggle(
  current: readonly FieldName[],
  visible: (field: FieldName) => boolean,
): FieldName[] {
  const kept = current.filter(visible);
  const added = fieldNames.filter((field) => !current.includes(field) && visible(field));
  const next = [...kept, ...added];
  return next.length > 0 ? next : [...current];
}
