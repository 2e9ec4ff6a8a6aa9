import { getPath, setPath, type FieldName } from '@sightline/schema';
import { recordSource, type Records } from './records';

/** Key of the trailer line; no record field starts with an underscore, so it cannot be mistaken for a record. */
export const TRAILER_KEY = '_sightline';

export type NdjsonTrailer =
  { complete: true; rows: number } | { complete: false; rows: number; error: string };

export interface NdjsonEncoder {
  /** One JSON line per record (rows `from` to `to`), as UTF-8. */
  rows(records: Records, from?: number, to?: number): Buffer;
}

const NEWLINE = Buffer.from('\n');

/** The chosen fields of a record, nested as in the canonical record; a missing field is null. */
export function projectRecord(record: unknown, columns: readonly FieldName[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) setPath(out, column, getPath(record, column) ?? null);
  return out;
}

/**
 * NDJSON of canonical records: the whole record, or only the chosen columns. A whole record is
 * written as Elasticsearch stored it when that is one line of compact JSON (ingest stores
 * JSON.stringify of the canonical record, so these are the bytes re-serialising it would give),
 * instead of being parsed and serialised again.
 */
export function createNdjsonEncoder(columns: readonly FieldName[] | undefined): NdjsonEncoder {
  if (!columns) {
    return {
      rows(records, from = 0, to = records.length) {
        const source = recordSource(records);
        const parts: Buffer[] = [];
        let length = 0;
        for (let i = from; i < to; i++) {
          const line = source.json?.(i) ?? Buffer.from(JSON.stringify(source.value(i)));
          parts.push(line, NEWLINE);
          length += line.length + 1;
        }
        return Buffer.concat(parts, length);
      },
    };
  }
  return {
    rows(records, from = 0, to = records.length) {
      const source = recordSource(records);
      let out = '';
      for (let i = from; i < to; i++) out += JSON.stringify(projectRecord(source.value(i), columns)) + '\n';
      return Buffer.from(out);
    },
  };
}

/** The last line of every NDJSON export: a reader knows the file is whole only when it says complete. */
export function ndjsonTrailer(trailer: NdjsonTrailer): string {
  return JSON.stringify({ [TRAILER_KEY]: trailer }) + '\n';
}
