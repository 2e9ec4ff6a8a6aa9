import type { Client, estypes } from '@elastic/elasticsearch';
import { sortValuesOf, type SortValue } from './cursor';

/** Rows per Elasticsearch round trip: large enough to amortise the request, small enough to bound memory. */
export const DEFAULT_PAGE_SIZE = 5_000;
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
  /** Fields to fetch. */
  source: string[];
  pageSize?: number;
  keepAlive?: string;
  /** Continue after this row (a resumed export). */
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

type Hit = { _source?: unknown; sort?: unknown[] };

/**
 * Opens a point in time on `index` and walks it with search_after: consistent across pages, no
 * 10,000-hit window, no scroll context held between pulls beyond the keep-alive.
 */
export async function openPitWalk(options: WalkOptions): Promise<PitWalk> {
  const { es, index, query, source, sort } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const keepAlive = options.keepAlive ?? DEFAULT_KEEP_ALIVE;
  const controller = new AbortController();

  const opened = await es.openPointInTime({ index, keep_alive: keepAlive, ignore_unavailable: true });
  let pitId = opened.id;
  let after = options.after;
  let exhausted = false;
  let closed = false;
  let ahead: Promise<WalkPage> | undefined;

  async function fetchPage(): Promise<WalkPage> {
    const response = await es.search<unknown>(
      {
        pit: { id: pitId, keep_alive: keepAlive },
        query,
        sort,
        size: pageSize,
        _source: source,
        track_total_hits: false,
        ...(after ? { search_after: after } : {}),
        filter_path: ['pit_id', 'hits.hits._source', 'hits.hits.sort'],
      },
      { signal: controller.signal },
    );
    if (response.pit_id) pitId = response.pit_id;
    const hits = (response.hits?.hits ?? []) as Hit[];
    const records = hits.map((h) => h._source ?? {});
    const sorts = hits.map((h) => sortValuesOf(h.sort, sort.length));
    if (sorts.length > 0) after = sorts[sorts.length - 1];
    if (hits.length < pageSize) exhausted = true;
    return { records, sorts };
  }

  function prefetch(): void {
    if (exhausted || closed) return;
    ahead = fetchPage();
    // Rejections surface on the next pull; this only keeps an unread failure from crashing the process.
    ahead.catch(() => {});
  }

  return {
    async next() {
      if (closed) return null;
      if (!ahead) {
        if (exhausted) return null;
        prefetch();
      }
      const page = await ahead!;
      ahead = undefined;
      prefetch();
      return page.records.length > 0 ? page : null;
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
