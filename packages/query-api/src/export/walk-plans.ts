import type { estypes } from '@elastic/elasticsearch';
import { sortValuesOf, type SortValue } from './cursor';
import type { HitTable } from './hit-table';
import type { FetchedPage, PageQuery } from './page-search';
import type { RecordSource } from './records';
import type { StoredSource } from './stored-source';
import { TieOrderer, type HeldRow } from './ties';
import type { WalkPage } from './walk';

/** Greater than any `_shard_doc` (shard index << 32 | doc id): "after every row with this time". */
const AFTER_ANY_SHARD_DOC = Number.MAX_SAFE_INTEGER;

type Order = 'asc' | 'desc';

/** Which searches a walk runs, and what each page's hits become. */
export interface WalkPlan {
  /** The next page's search, or null when every row has been fetched. */
  next(): PageQuery | null;
  /** The rows a fetched page completes (none yet when all are held back), in the walk's order. */
  take(page: FetchedPage): WalkPage | null;
}

/** `[{ts: {order}}, {txid: {order}}]`, the log's default order, which the fast plan serves. */
export function timeThenTxid(sort: estypes.SortCombinations[]): { time: Order; txid: Order } | null {
  if (sort.length !== 2) return null;
  const orderOf = (entry: estypes.SortCombinations | undefined, field: string): Order | null => {
    if (!entry || typeof entry !== 'object' || !(field in entry)) return null;
    const spec = (entry as Record<string, unknown>)[field];
    if (spec === 'asc' || spec === 'desc') return spec;
    const order = (spec as { order?: unknown } | undefined)?.order;
    return order === 'asc' || order === 'desc' ? order : null;
  };
  const time = orderOf(sort[0], 'ts');
  const txid = orderOf(sort[1], 'txid');
  return time && txid ? { time, txid } : null;
}

function txidOf(hits: HitTable, i: number): string {
  const txid = hits.stringField(i, 'txid');
  if (txid === undefined) throw new Error('a stored record has no txid');
  return txid;
}

/** Hit i's event time, the first sort value (read without allocating in the usual case). */
function timeOf(hits: HitTable, i: number): number {
  const time = hits.firstInteger(i) ?? sortValuesOf(hits.sortValues(i), 2)[0];
  if (typeof time !== 'number') throw new Error(`unexpected event time sort value ${String(time)}`);
  return time;
}

/** Rows put in total order: held rows from earlier pages, then this page's hits, by id (see TieOrder). */
class TiedRecords implements RecordSource {
  constructor(
    private readonly held: readonly HeldRow<StoredSource>[],
    private readonly hits: HitTable,
    private readonly ids: Uint32Array,
  ) {}

  get length(): number {
    return this.ids.length;
  }

  value(i: number): unknown {
    const id = this.ids[i]!;
    return id < this.held.length ? this.held[id]!.record.value() : this.hits.value(id - this.held.length);
  }

  json(i: number): Buffer | undefined {
    const id = this.ids[i]!;
    if (id >= this.held.length) return this.hits.json(id - this.held.length);
    const { record } = this.held[id]!;
    return record.compact ? record.json : undefined;
  }

  sortAt(i: number): SortValue[] {
    const id = this.ids[i]!;
    if (id < this.held.length) return [this.held[id]!.primary, this.held[id]!.txid];
    const hit = id - this.held.length;
    return [timeOf(this.hits, hit), txidOf(this.hits, hit)];
  }
}

/** Any other order: Elasticsearch sorts, search_after continues from the last hit. */
export function plainPlan(
  query: estypes.QueryDslQueryContainer,
  sort: estypes.SortCombinations[],
  resume: SortValue[] | undefined,
): WalkPlan {
  let after = resume;
  let done = false;
  return {
    next: () => (done ? null : { query, sort, ...(after ? { search_after: after } : {}) }),
    take({ hits, full, release }) {
      done = !full;
      const sortAt = (i: number) => sortValuesOf(hits.sortValues(i), sort.length);
      if (hits.length === 0) {
        release();
        return null;
      }
      after = sortAt(hits.length - 1);
      return { records: hits, sortAt, release };
    },
  };
}

/**
 * The log's default order (time, then txid) without asking Elasticsearch to sort by the keyword
 * txid, which costs it several times more per page: pages are sorted by time with the point in
 * time's `_shard_doc` tiebreaker, and rows with equal times are put in txid order here
 * (TieOrderer). A resumed walk first fetches the rest of its last time's run, then every later time.
 */
export function timeThenTxidPlan(
  query: estypes.QueryDslQueryContainer,
  timeSort: estypes.SortCombinations,
  order: { time: Order; txid: Order },
  resume: SortValue[] | undefined,
): WalkPlan {
  const ties = new TieOrderer<StoredSource>(order.txid);
  const pageSort: estypes.SortCombinations[] = [timeSort, { _shard_doc: { order: 'asc' } }];
  let after: SortValue[] | undefined;
  let done = false;
  /** While resuming: the interrupted run of equal times, continued after the last delivered txid. */
  let rest: { time: number; lastTxid: string; query: estypes.QueryDslQueryContainer } | undefined;
  if (resume) {
    const [time, txid] = resume;
    if (typeof time !== 'number' || typeof txid !== 'string')
      throw new Error('a resume point needs a time and a txid');
    const sameTime = {
      bool: {
        filter: [
          query,
          { range: { ts: { gte: time, lte: time, format: 'epoch_millis' } } },
          { range: { txid: order.txid === 'asc' ? { gt: txid } : { lt: txid } } },
        ],
      },
    };
    rest = { time, lastTxid: '', query: sameTime };
  }

  function takeRest({ hits, full, release }: FetchedPage, run: NonNullable<typeof rest>): WalkPage | null {
    if (full) run.lastTxid = txidOf(hits, hits.length - 1);
    else {
      rest = undefined;
      after = [run.time, AFTER_ANY_SHARD_DOC];
    }
    if (hits.length === 0) {
      release();
      return null;
    }
    return { records: hits, sortAt: (i) => [run.time, txidOf(hits, i)], release };
  }

  return {
    next() {
      if (done) return null;
      if (rest) {
        const { query: sameTime, lastTxid } = rest;
        return {
          query: sameTime,
          sort: [{ txid: { order: order.txid } }],
          ...(lastTxid ? { search_after: [lastTxid] } : {}),
        };
      }
      return { query, sort: pageSort, ...(after ? { search_after: after } : {}) };
    },
    take(page) {
      if (rest) return takeRest(page, rest);
      const { hits, full, release } = page;
      if (hits.length > 0) after = sortValuesOf(hits.sortValues(hits.length - 1), 2);
      done = !full;
      const rows = {
        length: hits.length,
        primary: (i: number) => timeOf(hits, i),
        txid: (i: number) => txidOf(hits, i),
      };
      // Held rows outlive this page, whose buffer the next page may be read into: they get bytes of their own.
      const hold = (i: number) => ({
        record: hits.detach(i),
        primary: timeOf(hits, i),
        txid: txidOf(hits, i),
      });
      const { held, ids } = ties.push(rows, done, hold);
      if (ids.length === 0) {
        release();
        return null;
      }
      const records = new TiedRecords(held, hits, ids);
      return { records, sortAt: (i) => records.sortAt(i), release };
    },
  };
}
