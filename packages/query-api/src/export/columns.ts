import { defaultColumns, isFieldName, type FieldName } from '@sightline/schema';

/** Thrown for a request the caller can fix; the route turns it into a 400. */
export class ExportInputError extends Error {
  override name = 'ExportInputError';
}

/**
 * The `columns` parameter: comma-separated dotted field names, in the order given. Undefined when the
 * caller chose none: CSV then uses the log table's default columns, NDJSON the whole record.
 */
export function parseColumns(param: string | readonly string[] | undefined): FieldName[] | undefined {
  const raw = typeof param === 'string' ? param.split(',') : (param ?? []);
  const names = raw.map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) return undefined;
  const unknown = names.filter((n) => !isFieldName(n));
  if (unknown.length > 0) throw new ExportInputError(`unknown column(s): ${unknown.join(', ')}`);
  const seen = new Set<string>();
  const duplicates = names.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  if (duplicates.length > 0) throw new ExportInputError(`duplicate column(s): ${duplicates.join(', ')}`);
  return names as FieldName[];
}

/** CSV needs a fixed header: without a choice it holds what the log table shows. */
export function csvColumns(chosen: readonly FieldName[] | undefined): FieldName[] {
  return chosen ? [...chosen] : [...defaultColumns];
}
