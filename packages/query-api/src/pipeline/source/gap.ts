/** A row read from a shard, past the cursor, in id order. */
export interface ShardRow {
  id: bigint;
  customer: string;
  /** The record as the system wrote it. */
  record: string;
  /** How long ago the row was inserted, by the database's own clock (no skew with ours). */
  ageMs: number;
}

export interface SettledRows {
  /** Rows safe to publish now: up to the first gap that may still fill. */
  rows: ShardRow[];
  /** The first missing id held back at, when one is. */
  heldAt: bigint | null;
}

/**
 * The rows that can be published now, given the cursor (the last id published).
 *
 * Auto-increment ids are handed out when a row is inserted, not when its transaction commits, so
 * under concurrent writers id 102 can become visible after id 103. Reading `id > cursor` at that
 * moment sees 103 but not 102; moving the cursor to 103 would skip 102 for ever. So at a gap we stop
 * and publish only what lies before it, and read again shortly.
 *
 * But a gap can also be permanent: a rolled-back insert, a failed one (duplicate key) or a multi-row
 * insert the server over-reserved for all burn ids that will never appear. Waiting for those would
 * stop the shard for good. The row just after the gap tells how long the missing id has been
 * reserved: ids are reserved in order, so the missing one was reserved before that row was inserted.
 * Once that row is older than `holdMs`, the missing row's transaction has been open at least that
 * long; we treat the gap as permanent and go on. A transaction holding an id longer than `holdMs`
 * before committing would be skipped, so `holdMs` must exceed the writers' longest insert
 * transaction (the demo's writers commit within milliseconds).
 *
 * Assumes ids step by 1 (auto_increment_increment = 1, the server default).
 */
export function settledRows(cursor: bigint, rows: readonly ShardRow[], holdMs: number): SettledRows {
  const settled: ShardRow[] = [];
  let expected = cursor + 1n;
  for (const row of rows) {
    if (row.id < expected) {
      throw new Error(`rows out of order: id ${row.id} after ${expected - 1n}`);
    }
    if (row.id > expected && row.ageMs < holdMs) return { rows: settled, heldAt: expected };
    settled.push(row);
    expected = row.id + 1n;
  }
  return { rows: settled, heldAt: null };
}
