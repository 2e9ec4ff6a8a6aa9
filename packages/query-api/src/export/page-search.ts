import { errors, type Client, type estypes } from '@elastic/elasticsearch';
import { ResponseBuffers } from './response-buffers';
import { searchBytes } from './search-bytes';
import type { HitTable } from './hit-table';
import { readSearchResponse } from './search-response';

/** Pages of wider records get fewer rows, so a page's response stays near this size whatever the record. */
export const PAGE_BYTES = 4 * 1024 * 1024;
/** The fewest rows a page is cut down to for wide records. */
const MIN_PAGE_SIZE = 100;

export type PageQuery = Pick<estypes.SearchRequest, 'query' | 'sort' | 'search_after'>;

export interface PageSearchOptions {
  es: Client;
  /** The point in time to search; each page renews it. */
  pitId: string;
  keepAlive: string;
  /** Fields to fetch; true for the whole stored record. */
  source: string[] | true;
  pageSize: number;
  /** The first page's size: small, so the first rows reach the client early. */
  firstPageSize: number;
  signal: AbortSignal;
  /**
   * Opens a new point in time on the same indices, for when this one is lost (a node holding part
   * of it left the cluster); without it such a page fails.
   */
  reopen?: () => Promise<string>;
}

/** A page's response, still as bytes. */
export interface FetchedBytes {
  bytes: Buffer;
  /** The size asked for: a page that fills it may be followed by more. */
  size: number;
}

export interface FetchedPage {
  hits: HitTable;
  /** The page filled its size, so more rows may follow. */
  full: boolean;
  /** Call once no hit's source is read any more: a later page may be read into the same buffer. */
  release(): void;
}

/**
 * One point in time's searches: page sizing, the renewed id, shard failures and the buffers
 * responses are read into. Fetching and reading are separate steps so a page fetched ahead waits as
 * bytes, and its hits are only built when the reader is ready to encode them: objects made then die
 * young, where objects made on arrival would live through collections until the reader came.
 */
export class PageSearch {
  pitId: string;
  readonly #buffers = new ResponseBuffers();
  #searches = 0;
  #bytesPerHit = 0;

  constructor(private readonly options: PageSearchOptions) {
    this.pitId = options.pitId;
  }

  #size(): number {
    const { pageSize, firstPageSize } = this.options;
    if (this.#searches++ === 0) return Math.min(firstPageSize, pageSize);
    if (this.#bytesPerHit === 0) return pageSize;
    return Math.min(pageSize, Math.max(MIN_PAGE_SIZE, Math.floor(PAGE_BYTES / this.#bytesPerHit)));
  }

  async fetch(query: PageQuery): Promise<FetchedBytes> {
    const size = this.#size();
    try {
      return { bytes: await this.#search(query, size), size };
    } catch (error) {
      const { reopen } = this.options;
      if (!reopen || !isPitLost(error)) throw error;
      // The walk's order is total and each page starts after the last row read, so a new point in
      // time continues it without a gap or a repeat; rows written since the first one opened may
      // appear in what is left, as they would in a walk started now.
      this.pitId = await reopen();
      return { bytes: await this.#search(query, size), size };
    }
  }

  #search(query: PageQuery, size: number): Promise<Buffer> {
    const { es, keepAlive, source, signal } = this.options;
    return searchBytes(
      es,
      {
        // A shard that fails must fail the export: partial results would be a file silently missing rows.
        querystring: { allow_partial_search_results: false },
        body: {
          ...query,
          pit: { id: this.pitId, keep_alive: keepAlive },
          size,
          _source: source,
          track_total_hits: false,
        },
      },
      this.#buffers,
      signal,
    );
  }

  read({ bytes, size }: FetchedBytes): FetchedPage {
    const release = () => this.#buffers.release(bytes);
    const response = readSearchResponse(bytes, size);
    if (response.failedShards > 0) {
      release();
      throw new Error(`${response.failedShards} shard(s) failed to return their rows`);
    }
    if (response.pitId) this.pitId = response.pitId;
    const { hits } = response;
    if (hits.length > 0) this.#bytesPerHit = response.bytes / hits.length;
    return { hits, full: hits.length === size, release };
  }
}

const LOST_CONTEXT = new Set(['search_context_missing_exception', 'search_context_missing_nodes_exception']);

/** Elasticsearch no longer holds (part of) the point in time: expired, or its node left the cluster. */
export function isPitLost(error: unknown): boolean {
  if (!(error instanceof errors.ResponseError) || error.meta.statusCode !== 404) return false;
  const cause = (error.meta.body as { error?: { type?: string; root_cause?: { type?: string }[] } })?.error;
  return (
    LOST_CONTEXT.has(cause?.type ?? '') ||
    (cause?.root_cause ?? []).some((c) => LOST_CONTEXT.has(c.type ?? ''))
  );
}
