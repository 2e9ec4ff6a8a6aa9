import type { Client, estypes } from '@elastic/elasticsearch';
import { sortValuesOf, type SortValue } from './cursor';
import { TieOrderer, type TiedRow } from './ties';

/**
 * Rows per Elasticsearch round trip: large enough to amortise the request, small enough to bound
 * memory (two parsed pages are alive at once: the one being written and the one fetched ahead).
 */
export const DEFAULT_PAGE_SIZE = 2_500;
/** The first page is small, so the first rows reach the client before a full page is fetched. */
export const FIRST_PAGE_SIZE = 500;
/** Each page renews the point in time, so this only needs to outlast one page's round trip plus a slow reader. */
export const DEFAULT_KEEP_ALIVE = '1m';
/** Greater than any `_shard_doc` (shard index << 32 | doc id): "after every row with this time". */
const AFTER_ANY_SHARD_DOC = Number.MAX_SAFE_INTEGER;

export interface WalkOptions {
  es: Client;
  /** The read alias (or index pattern) to pin. */
  index: string;
  /** The compiled, tenant-scoped filter. */
  query: estypes.QueryDslQueryContainer;
  /** A total order (the compiler ends it with the txid tiebreaker), so the walk is resumable. */
  sort: estypes.SortCombinations[];
  /** Fields to fetch; true for the whole stored record. */
  source: string[] | true;
  pageSize?: number;
  keepAlive?: string;
  /** Continue after the row with these sort values (a resumed export). */
  after?: SortValue[];
}

export interface WalkPage {
  records: unknown[];
  /** Sort values of each record, in order: the resume point after any of them. */
  sorts: SortValue[][];
}

/** A pull-based walk over every matching record; at most one page is fetched ahead of the reader. */
export interface PitWalk {
  /** The next page, or null when every record has been returned. */
  next(): Promise<WalkPage | null>;
  /** Aborts any request in flight and closes the point in time; safe to call more than once. */
  close(): Promise<void>;
}

type Order = 'asc' | 'desc';
type Hit = { _source?: unknown; sort?: unknown[] };

/** `[{ts: {order}}, {txid: {order}}]`, the log's default order, which the fast path serves. */
function timeThenTxid(sort: estypes.SortCombinations[]): { time: Order; txid: Order } | null {
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

function txidOf(record: unknown): string {
  const txid = (record as { txid?: unknown } | null)?.txid;
  if (typeof txid !== 'string') throw new Error('a stored record has no txid');
  return txid;
}

/**
 * Opens a point in time on `index` and walks it with search_after: consistent across pages, no
 * 10,000-hit window, nothing held between pulls beyond the keep-alive.
 *
 * The log's default order (time, then txid) is served without asking Elasticsearch to sort by the
 * keyword txid, which costs it several times more per page: pages are sorted by time with the point
 * in time's `_shard_doc` tiebreaker, and rows with equal times are put in txid order here
 * (TieOrderer). A resumed walk first fetches the rest of its last time's run, then every later time.
 * Other orders are sent to Elasticsearch as they are.
 */
export async function openPitWalk(options: WalkOptions): Promise<PitWalk> {
  const { es, index, query, source, sort } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const keepAlive = options.keepAlive ?? DEFAULT_KEEP_ALIVE;
  const controller = new AbortController();
  const opened = await es.openPointInTime({ index, keep_alive: keepAlive, ignore_unavailable: true });
  let pitId = opened.id;

  let searches = 0;
  /** Runs one page's search; `full` tells whether it filled its size (so more may follow). */
  async function search(
    body: Omit<estypes.SearchRequest, 'pit' | 'index'>,
  ): Promise<Hit[] & { full: boolean }> {
    const size = searches++ === 0 ? Math.min(FIRST_PAGE_SIZE, pageSize) : pageSize;
    const response = await es.search<unknown>(
      {
        ...body,
        pit: { id: pitId, keep_alive: keepAlive },
        size,
        _source: source,
        track_total_hits: false,
        // A shard that fails must fail the export: partial results would be a file silently missing rows.
        allow_partial_search_results: false,
      },
      { signal: controller.signal },
    );
    if (response._shards.failed > 0) {
      throw new Error(`${response._shards.failed} shard(s) failed to return their rows`);
    }
    if (response.pit_id) pitId = response.pit_id;
    const hits = response.hits.hits as Hit[];
    return Object.assign(hits, { full: hits.length === size });
  }

  async function* plainPages(): AsyncGenerator<WalkPage> {
    let after = options.after;
    for (;;) {
      const hits = await search({ query, sort, ...(after ? { search_after: after } : {}) });
      const sorts = hits.map((h) => sortValuesOf(h.sort, sort.length));
      if (hits.length > 0) yield { records: hits.map((h) => h._source ?? {}), sorts };
      if (!hits.full) return;
      after = sorts[sorts.length - 1];
    }
  }

  async function* fastPages(order: { time: Order; txid: Order }): AsyncGenerator<WalkPage> {
    const toPage = (rows: readonly TiedRow[]): WalkPage => ({
      records: rows.map((r) => r.record),
      sorts: rows.map((r) => [r.primary, r.txid]),
    });
    let after: SortValue[] | undefined;
    if (options.after) {
      const [time, txid] = options.after;
      if (typeof time !== 'number' || typeof txid !== 'string')
        throw new Error('a resume point needs a time and a txid');
      // The rest of the interrupted run of equal times, in txid order.
      const sameTime = {
        bool: {
          filter: [
            query,
            { range: { ts: { gte: time, lte: time, format: 'epoch_millis' } } },
            { range: { txid: order.txid === 'asc' ? { gt: txid } : { lt: txid } } },
          ],
        },
      };
      let last: string | undefined;
      for (;;) {
        const hits = await search({
          query: sameTime,
          sort: [{ txid: { order: order.txid } }],
          ...(last ? { search_after: [last] } : {}),
        });
        const rows = hits.map((h) => ({ record: h._source ?? {}, primary: time, txid: txidOf(h._source) }));
        if (rows.length > 0) yield toPage(rows);
        if (!hits.full) break;
        last = rows[rows.length - 1]!.txid;
      }
      after = [time, AFTER_ANY_SHARD_DOC];
    }
    const ties = new TieOrderer(order.txid);
    const pageSort: estypes.SortCombinations[] = [sort[0]!, { _shard_doc: { order: 'asc' } }];
    for (;;) {
      const hits = await search({ query, sort: pageSort, ...(after ? { search_after: after } : {}) });
      const exhausted = !hits.full;
      const rows = hits.map((h) => {
        const [time] = sortValuesOf(h.sort, 2);
        if (typeof time !== 'number') throw new Error(`unexpected event time sort value ${String(time)}`);
        return { record: h._source ?? {}, primary: time, txid: txidOf(h._source) };
      });
      if (hits.length > 0) after = sortValuesOf(hits[hits.length - 1]!.sort, 2);
      const ready = ties.push(rows, exhausted);
      if (ready.length > 0) yield toPage(ready);
      if (exhausted) return;
    }
  }

  const order = timeThenTxid(sort);
  const pages = order ? fastPages(order) : plainPages();
  let closed = false;
  let ahead: Promise<IteratorResult<WalkPage>> | undefined;
  const prefetch = () => {
    if (closed) return;
    ahead = pages.next();
    // Rejections surface on the next pull; this only keeps an unread failure from crashing the process.
    ahead.catch(() => {});
  };

  return {
    async next() {
      if (closed) return null;
      if (!ahead) prefetch();
      const result = await ahead!;
      ahead = undefined;
      if (result.done) return null;
      prefetch();
      return result.value;
    },
    async close() {
      if (closed) return;
      closed = true;
      controller.abort();
      await es.closePointInTime({ id: pitId }).catch(() => {
        // Already gone (expired, or the cluster restarted): nothing is held any more.
      });
    },
  };
}
