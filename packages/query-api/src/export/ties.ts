/** A row kept past its page: the last run of equal times waits to see whether the next page continues it. */
export interface HeldRow<Record = unknown> {
  record: Record;
  primary: number;
  txid: string;
}

/** One page's rows in Elasticsearch's order (by primary sort value), read by position. */
export interface TieRows {
  readonly length: number;
  primary(i: number): number;
  txid(i: number): string;
}

/**
 * The rows a page completes. Ids number the held rows first, then the page's rows:
 * id < held.length is held[id], any other id is the page's row id - held.length.
 */
export interface TieOrder<Record> {
  held: readonly HeldRow<Record>[];
  ids: Uint32Array;
}

/**
 * Orders rows that share a primary sort value by txid, across page boundaries. Elasticsearch sorts
 * a page by event time alone (a keyword tiebreaker costs it several times more per page), so the
 * txid order inside a run of equal times is restored here: the trailing run of a page is held back
 * until the next page shows whether it continues. Rows are addressed by position, and only the
 * members of a run have their txid read, so a page needs no object per row; memory is one page
 * plus the longest run.
 */
export class TieOrderer<Record> {
  #held: HeldRow<Record>[] = [];

  constructor(private readonly txidOrder: 'asc' | 'desc') {}

  /**
   * Adds a page (in primary order) and returns the rows that are now final, in total order.
   * `hold(i)` makes page row i a row of its own, to keep until a later page.
   */
  push(page: TieRows, last: boolean, hold: (i: number) => HeldRow<Record>): TieOrder<Record> {
    const held = this.#held;
    const h = held.length;
    const n = h + page.length;
    const primary = (id: number) => (id < h ? held[id]!.primary : page.primary(id - h));
    let cut = n;
    if (!last && n > 0) {
      const tail = primary(n - 1);
      while (cut > 0 && primary(cut - 1) === tail) cut--;
    }
    const ids = new Uint32Array(cut);
    for (let id = 0; id < cut; id++) ids[id] = id;
    this.#sortRuns(ids, primary, (id) => (id < h ? held[id]!.txid : page.txid(id - h)));
    this.#held = [];
    for (let id = cut; id < n; id++) this.#held.push(id < h ? held[id]! : hold(id - h));
    return { held, ids };
  }

  #sortRuns(ids: Uint32Array, primary: (id: number) => number, txid: (id: number) => string): void {
    const sign = this.txidOrder === 'asc' ? 1 : -1;
    let start = 0;
    for (let i = 1; i <= ids.length; i++) {
      if (i < ids.length && primary(ids[i]!) === primary(ids[start]!)) continue;
      if (i - start > 1) {
        const run = Array.from(ids.subarray(start, i), (id) => ({ id, txid: txid(id) }));
        run.sort((a, b) => (a.txid < b.txid ? -sign : a.txid > b.txid ? sign : 0));
        run.forEach((row, k) => (ids[start + k] = row.id));
      }
      start = i;
    }
  }
}
