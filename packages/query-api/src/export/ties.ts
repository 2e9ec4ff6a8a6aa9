/** One fetched row: its record, its primary sort value (event time) and its txid. */
export interface TiedRow {
  record: unknown;
  primary: number;
  txid: string;
}

/**
 * Orders rows that share a primary sort value by txid, across page boundaries. Elasticsearch sorts
 * a page by event time alone (a keyword tiebreaker costs it several times more per page), so the
 * txid order inside a run of equal times is restored here: the trailing run of a page is held back
 * until the next page shows whether it continues. Memory is one page plus the longest run.
 */
export class TieOrderer {
  #held: TiedRow[] = [];

  constructor(private readonly txidOrder: 'asc' | 'desc') {}

  /** Adds a page (in primary order) and returns the rows that are now final, in total order. */
  push(rows: readonly TiedRow[], last: boolean): TiedRow[] {
    const all = this.#held.length > 0 ? [...this.#held, ...rows] : [...rows];
    let cut = all.length;
    if (!last && all.length > 0) {
      const tail = all[all.length - 1]!.primary;
      while (cut > 0 && all[cut - 1]!.primary === tail) cut--;
    }
    this.#held = all.slice(cut);
    const ready = all.slice(0, cut);
    this.#sortRuns(ready);
    return ready;
  }

  #sortRuns(rows: TiedRow[]): void {
    const sign = this.txidOrder === 'asc' ? 1 : -1;
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i]!.primary === rows[start]!.primary) continue;
      if (i - start > 1) {
        const run = rows
          .slice(start, i)
          .sort((a, b) => (a.txid < b.txid ? -sign : a.txid > b.txid ? sign : 0));
        rows.splice(start, run.length, ...run);
      }
      start = i;
    }
  }
}
