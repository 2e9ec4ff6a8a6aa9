import { z } from 'zod';
import { ExportInputError } from './columns';

/** Where an export walk stands: the sort values (event time in epoch ms, txid) of the last row sent. */
export type SortValues = [ts: number, txid: string];

/** A resume point: the last row's sort values and how many rows came before it, so totals stay whole. */
export interface Cursor {
  sort: SortValues;
  rows: number;
}

const cursorSchema = z.strictObject({
  v: z.literal(1),
  /** The customer the cursor was issued for: a cursor never continues another tenant's export. */
  c: z.string().min(1),
  s: z.tuple([z.number().int(), z.string().min(1)]),
  n: z.number().int().nonnegative(),
});

/** An opaque resume cursor (base64url JSON), handed to the CLI and given back as `after=`. */
export function encodeCursor(customer: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, c: customer, s: cursor.sort, n: cursor.rows })).toString(
    'base64url',
  );
}

/**
 * Validates a cursor for this customer. Rows are always scoped by the token's tenant filter, so a
 * forged cursor could only skip rows; it is still refused so a mistake is loud, not a silent gap.
 */
export function decodeCursor(cursor: string, customer: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ExportInputError('after: not a Sightline export cursor');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new ExportInputError('after: not a Sightline export cursor');
  if (result.data.c !== customer) throw new ExportInputError('after: cursor belongs to another customer');
  return { sort: result.data.s, rows: result.data.n };
}

/** The walk's sort values from a hit: a PIT adds an implicit `_shard_doc` tiebreaker that a new PIT would not share. */
export function sortValuesOf(sort: readonly unknown[] | undefined): SortValues {
  const [ts, txid] = sort ?? [];
  if (typeof ts !== 'number' || typeof txid !== 'string') {
    throw new Error(`unexpected sort values ${JSON.stringify(sort)}`);
  }
  return [ts, txid];
}
