import type { Client, estypes } from '@elastic/elasticsearch';
import type { SortValue } from './cursor';
import { PageSearch, type FetchedBytes } from './page-search';
import type { Records } from './records';
import { plainPlan, timeThenTxid, timeThenTxidPlan } from './walk-plans';

/**
 * Rows per Elasticsearch round trip: large enough to amortise the request, small enough to bound
 * memory (a page is held as its response bytes; two are alive at once: the one being written and
 * the one fetched ahead). Pages of wide records are cut to about PAGE_BYTES.
 */
export const DEFAULT_PAGE_SIZE = 2_500;
/** The first page is small, so the first rows reach the client before a full page is fetched. */
export const FIRST_PAGE_SIZE = 500;
/** Each page renews the point in time, so this only needs to outlast one page's round trip plus a slow reader. */
export const DEFAULT_KEEP_ALIVE = '1m';
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
  /** The page's records, in order (stored records stay bytes until an encoder reads them). */
  records: Records;
  /** Row i's sort values: the resume point after it. */
  sortAt(i: number): SortValue[];
  /**
   * The reader calls this once it has encoded the records: their bytes are then reused for a later
   * page. A reader that never calls it only costs a fresh buffer per page.
   */
  release?: () => void;
}

/** A pull-based walk over every matching record; at most one page is fetched ahead of the reader. */
export interface PitWalk {
  /** The next page, or null when every record has been returned. */
  next(): Promise<WalkPage | null>;
  /** Aborts any request in flight and closes the point in time; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Opens the points in time of one walk on `index`. The first may find nothing there (an alias with
 * no index behind it: the walk is empty). One opened again, after the first was lost, must pin every
 * shard the first did: an index deleted mid-export is rows lost, and a point in time that skipped
 * it would end the file early as if it were complete.
 */
export function pointsInTime(es: Client, index: string, keepAlive: string) {
  let shards = 0;
  return {
    async open(): Promise<string> {
      const pit = await es.openPointInTime({ index, keep_alive: keepAlive, ignore_unavailable: true });
      shards = pit._shards?.total ?? 0;
      return pit.id;
    },
    /** Fails (a 404 from Elasticsearch, or the shards counted) when an index it read is gone. */
    async reopen(): Promise<string> {
      const pit = await es.openPointInTime({ index, keep_alive: keepAlive });
      const total = pit._shards?.total ?? shards;
      if (total < shards) {
        await es.closePointInTime({ id: pit.id }).catch(() => {});
        throw new Error(`${index} now holds ${total} of the ${shards} shards this export started on`);
      }
      return pit.id;
    },
  };
}

/**
 * Opens a point in time on `index` and walks it with search_after: consistent across pages, no
 * 10,000-hit window, nothing held between pulls beyond the keep-alive. The log's default order is
 * served without a keyword sort in Elasticsearch (see timeThenTxidPlan); other orders are sent as
 * they are.
 *
 * The next page is fetched while the reader handles the current one, but kept as bytes: its hits
 * are read when the reader asks for it, so the objects made for them die young.
 */
export async function openPitWalk(options: WalkOptions): Promise<PitWalk> {
  const { es, index, query, source, sort } = options;
  const keepAlive = options.keepAlive ?? DEFAULT_KEEP_ALIVE;
  const controller = new AbortController();
  const pit = pointsInTime(es, index, keepAlive);
  const pages = new PageSearch({
    es,
    pitId: await pit.open(),
    reopen: pit.reopen,
    keepAlive,
    source,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    firstPageSize: FIRST_PAGE_SIZE,
    signal: controller.signal,
  });
  const order = timeThenTxid(sort);
  const plan = order
    ? timeThenTxidPlan(query, sort[0]!, order, options.after)
    : plainPlan(query, sort, options.after);

  let closed = false;
  let started = false;
  let ahead: Promise<FetchedBytes> | undefined;
  const fetchNext = () => {
    const next = closed ? null : plan.next();
    ahead = next ? pages.fetch(next) : undefined;
    // Rejections surface on the next pull; this only keeps an unread failure from crashing the process.
    ahead?.catch(() => {});
  };

  return {
    async next() {
      if (!started) {
        started = true;
        fetchNext();
      }
      for (;;) {
        if (closed || !ahead) return null;
        const fetched = await ahead;
        if (closed) return null;
        let page;
        try {
          page = plan.take(pages.read(fetched));
        } catch (error) {
          // A later pull must fail the same way, never read on as if the walk had ended.
          ahead = Promise.reject(error);
          ahead.catch(() => {});
          throw error;
        }
        fetchNext();
        if (page) return page;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      controller.abort();
      await es.closePointInTime({ id: pages.pitId }).catch(() => {
        // Already gone (expired, or the cluster restarted): nothing is held any more.
      });
    },
  };
}
