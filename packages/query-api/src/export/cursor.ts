import { z } from 'zod';
import type { SortValue } from '../reports/cursor';
import { ExportInputError } from './columns';

export type { SortValue } from '../reports/cursor';

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
const cursorSchema = z.strictObject({
  v: z.literal(1),
  /** The customer the cursor was issued for: a cursor never continues another tenant's export. */
  c: z.string().min(1),
  s: z.array(sortValue).min(1).max(8),
  n: z.int().nonnegative(),
  f: z.int(),
  t: z.int(),
  q: z.string().min(1).max(64),
});

/** An opaque resume cursor (base64url JSON), handed out in frames and given back as `after=`. */
export function encodeCursor(customer: string, cursor: ExportCursor): string {
  const { sort, rows, from, to, fingerprint } = cursor;
  const payload = { v: 1, c: customer, s: sort, n: rows, f: from, t: to, q: fingerprint };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/**
 * Validates a cursor for this customer. Rows are always scoped by the token's tenant filter, so a
 * forged cursor could only skip rows; it is still refused so a mistake is loud, not a silent gap.
 */
export function decodeCursor(text: string, customer: string): ExportCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new ExportInputError('after: not a Sightline export cursor');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new ExportInputError('after: not a Sightline export cursor');
  const { c, s, n, f, t, q } = result.data;
  if (c !== customer) throw new ExportInputError('after: the cursor belongs to another customer');
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
