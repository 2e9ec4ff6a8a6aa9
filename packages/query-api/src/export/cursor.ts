import { z } from 'zod';
import { openCursor, sealCursor, type CursorKey, type SortValue } from '@sightline/schema/reports';
import { ExportInputError } from './columns';

export type { SortValue } from '@sightline/schema/reports';

/**
 * Where an interrupted export stands: the last delivered row's sort values, how many rows came
 * before, the absolute window of the first request (a relative range would drift on resume) and the
 * fingerprint of the query, so a cursor only continues the export it came from.
 */
export interface ExportCursor {
  sort: SortValue[];
  rows: number;
  from: number;
  to: number;
  fingerprint: string;
}

const sortValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** The sealed body; the customer and kind are in the seal (see reports/cursor). */
const bodySchema = z.strictObject({
  s: z.array(sortValue).min(1).max(8),
  n: z.int().nonnegative(),
  f: z.int(),
  t: z.int(),
  q: z.string().min(1).max(64),
});

const refuse = (problem: string) =>
  new ExportInputError(`after: the cursor ${problem}; start the export again without after=`);

/** An opaque resume cursor, signed for one customer, handed out in frames and given back as `after=`. */
export function encodeCursor(key: CursorKey, customer: string, cursor: ExportCursor): string {
  const { sort, rows, from, to, fingerprint } = cursor;
  return sealCursor(key, 'export', customer, { s: sort, n: rows, f: from, t: to, q: fingerprint });
}

/**
 * Opens a cursor for this customer. Rows are always scoped by the token's tenant filter, so a forged
 * cursor could only skip rows or misstate counts; it is still refused so a mistake is loud, not a gap.
 */
export function decodeCursor(key: CursorKey, text: string, customer: string): ExportCursor {
  const opened = openCursor(key, 'export', customer, text);
  if (!opened.ok) throw refuse(opened.problem);
  const result = bodySchema.safeParse(opened.body);
  if (!result.success) throw refuse('was not issued by this API');
  const { s, n, f, t, q } = result.data;
  return { sort: s, rows: n, from: f, to: t, fingerprint: q };
}

/**
 * A hit's sort values for the explicit sort: a point in time appends an implicit `_shard_doc`
 * tiebreaker that a new point in time (a resumed export) would not share, so it is dropped.
 */
export function sortValuesOf(sort: readonly unknown[] | undefined, length: number): SortValue[] {
  const values = (sort ?? []).slice(0, length);
  if (values.length !== length || !values.every((v) => sortValue.safeParse(v).success)) {
    throw new Error(`unexpected sort values ${JSON.stringify(sort)}`);
  }
  return values as SortValue[];
}
