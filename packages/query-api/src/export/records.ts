/**
 * A page's records, read by position. Stored records from Elasticsearch stay bytes in their
 * response buffer until an encoder reads one, so a page costs no object per row; tests and small
 * callers pass plain arrays of records.
 */
export interface RecordSource {
  readonly length: number;
  /** Record i as objects (decoded on each call; not kept). */
  value(i: number): unknown;
  /** Record i's stored JSON when it is already one line of compact JSON (a view, not a copy). */
  json?(i: number): Buffer | undefined;
}

export type Records = RecordSource | readonly unknown[];

/** Records by position, whichever form they come in. */
export function recordSource(records: Records): RecordSource {
  if (!Array.isArray(records)) return records as RecordSource;
  const list: readonly unknown[] = records;
  return { length: list.length, value: (i) => list[i] };
}
