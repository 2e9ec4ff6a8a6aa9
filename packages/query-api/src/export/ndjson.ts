import { getPath, setPath, type FieldName } from '../schema';

/** Key of the trailer line; no record field starts with an underscore, so it cannot be mistaken for a record. */
export const TRAILER_KEY = '_sightline';

export type NdjsonTrailer =
  { complete: true; rows: number } | { complete: false; rows: number; error: string };

export interface NdjsonEncoder {
  /** One JSON line per record. */
  rows(records: readonly unknown[]): string;
}

/** The chosen fields of a record, nested as in the canonical record; a missing field is null. */
export function projectRecord(record: unknown, columns: readonly FieldName[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) setPath(out, column, getPath(record, column) ?? null);
  return out;
}

/** NDJSON of canonical records: the whole record, or only the chosen columns. */
export function createNdjsonEncoder(columns: readonly FieldName[] | undefined): NdjsonEncoder {
  const shape = columns ? (r: unknown) => projectRecord(r, columns) : (r: unknown) => r;
  return {
    rows(records) {
      let out = '';
      for (const record of records) out += JSON.stringify(shape(record)) + '\n';
      return out;
    },
  };
}

/** The last line of every NDJSON export: a reader knows the file is whole only when it says complete. */
export function ndjsonTrailer(trailer: NdjsonTrailer): string {
  return JSON.stringify({ [TRAILER_KEY]: trailer }) + '\n';
}
