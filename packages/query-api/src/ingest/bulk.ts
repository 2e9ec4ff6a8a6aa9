/**
 * Bulk indexing with bounded concurrency, size-capped batches and retries: whole requests are retried
 * on 429/5xx and network errors, and only the items Elasticsearch pushed back (429) are retried
 * after a partial failure. Other per-item errors are handed back as rejects, except an index block
 * (a read-only index, a write block, a full disk): the records are fine and the index refuses them, so
 * they are never set aside as rejects; the indexer fails naming the block, or waits it out.
 */

/** One document ready to index: `payload` is its action and source lines, serialised once. */
export interface BulkItem {
  payload: string;
  line: number;
  /** The document id and content hash, for telling a repeat from a conflicting copy (onExisting). */
  id?: string;
  hash?: string;
  /** The input as read, for the reject file when Elasticsearch refuses the document. */
  raw: string | (() => string);
  flagged: boolean;
}

export interface BulkItemResult {
  status: number;
  /**
   * `created`; `updated` when an `index` overwrote a document with that id; for a `create` that found
   * one (409), the verdict of onExisting: `duplicate` (the same content) or `conflict` (other content,
   * the stored copy kept).
   */
  result?: string;
  error?: { type?: string; reason?: string; index?: string; caused_by?: { reason?: string } };
}

/** A document a `create` found already stored, and the concrete index holding it. */
export interface ExistingItem {
  item: BulkItem;
  index: string;
}

export type ExistingVerdict = 'duplicate' | 'conflict';

export interface BulkResponse {
  status: number;
  /** Parsed body when the request reached Elasticsearch; `items` in request order. */
  body?: { errors?: boolean; items?: Record<string, BulkItemResult>[] } | undefined;
  /** Why the request did not get an answer (network error), for the final message if retries run out. */
  error?: string;
}

/** Posts one NDJSON `_bulk` body. Throws on network errors (retried like 5xx). */
export interface BulkTransport {
  bulk(body: string): Promise<BulkResponse>;
}

export interface BulkOptions {
  transport: BulkTransport;
  concurrency?: number;
  maxDocs?: number;
  maxBytes?: number;
  /** Attempts per request or per pushed-back item, after which the ingest fails. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onIndexed?: (count: number, flagged: number) => void;
  /** Each document Elasticsearch acknowledged, with its result: callers that account per item. */
  onItemIndexed?: (item: BulkItem, result: BulkItemResult) => void;
  onRejected?: (item: BulkItem, reason: string) => Promise<void> | void;
  /**
   * Judges the documents a `create` found already stored, once per bulk response that had any, before
   * the request counts as done: a repeat, or a conflicting copy (recorded by the callee). Without it
   * every one is a repeat. When it throws, those documents are sent again after a backoff.
   */
  onExisting?: (existing: ExistingItem[]) => Promise<ExistingVerdict[]>;
  /**
   * Items an index block refuses: 'fail' (default) stops with an error naming the block, for a run
   * someone watches; 'retry' waits with backoff until the block is lifted, for a daemon.
   */
  onBlocked?: 'fail' | 'retry';
}

/** Elasticsearch refuses writes to the index itself (index.blocks.write, read_only, flood stage). */
export class IndexBlockedError extends Error {
  constructor(reason: string) {
    super(
      `Elasticsearch refuses writes: ${reason}; no record was set aside, run the same ingest again once the index accepts writes`,
    );
    this.name = 'IndexBlockedError';
  }
}

const isBlock = (result: BulkItemResult) => result.error?.type === 'cluster_block_exception';
/** A `create` whose id is already stored: not a refusal, a repeat to judge. */
const isExisting = (result: BulkItemResult) =>
  result.status === 409 && result.error?.type === 'version_conflict_engine_exception';

const RETRYABLE_ITEM = new Set([429, 503]);

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Exponential backoff with full jitter: spreads retries of many workers hitting one cluster. */
export function backoff(attempt: number, base: number, max: number, jitter: number): number {
  return Math.min(max, base * 2 ** attempt) * (0.5 + jitter / 2);
}

export class BulkIndexer {
  private batch: BulkItem[] = [];
  private batchBytes = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  private readonly o: Required<
    Omit<BulkOptions, 'onIndexed' | 'onItemIndexed' | 'onRejected' | 'onExisting'>
  > &
    Pick<BulkOptions, 'onIndexed' | 'onItemIndexed' | 'onRejected' | 'onExisting'>;
  /** Documents Elasticsearch acknowledged: stored, or found stored already (repeats and conflicts). */
  indexed = 0;
  /** Documents whose id was already stored with the same content (or overwritten by an `index`). */
  duplicates = 0;
  /** Documents whose id was already stored with other content: the stored copy was kept. */
  conflicts = 0;
  requests = 0;
  retries = 0;
  private lastJudgeError = '';

  constructor(options: BulkOptions) {
    this.o = {
      concurrency: 4,
      maxDocs: 5000,
      maxBytes: 8 * 1024 * 1024,
      maxAttempts: 10,
      baseDelayMs: 250,
      maxDelayMs: 30_000,
      onBlocked: 'fail',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options,
    };
  }

  /**
   * Queues a document. Returns a promise only when a batch was sent and the caller must wait for room
   * (backpressure); otherwise nothing, so the hot loop does not pay for an await per document.
   */
  add(item: BulkItem): Promise<void> | undefined {
    this.batch.push(item);
    this.batchBytes += item.payload.length;
    if (this.batch.length >= this.o.maxDocs || this.batchBytes >= this.o.maxBytes) return this.dispatch();
    return undefined;
  }

  /** Sends what is queued and waits for every request to settle. */
  async close(): Promise<void> {
    if (this.batch.length > 0) await this.dispatch();
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  private async dispatch(): Promise<void> {
    this.throwIfFailed();
    const items = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    while (this.inFlight.size >= this.o.concurrency) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const request: Promise<void> = this.send(items)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  private async send(initial: BulkItem[]): Promise<void> {
    let items = initial;
    let attempt = 0;
    while (items.length > 0) {
      if (this.failure !== null) return;
      const response = await this.post(items);
      this.requests += 1;
      if (isRetryableStatus(response.status) || !response.body?.items) {
        if (!isRetryableStatus(response.status)) {
          throw new Error(`Elasticsearch refused a bulk request with status ${response.status}`);
        }
        attempt = await this.wait(attempt, response.error ?? `bulk request answered ${response.status}`);
        continue;
      }
      const results = response.body.items;
      if (results.length !== items.length) {
        throw new Error(`bulk response has ${results.length} items for ${items.length} sent`);
      }
      const again: BulkItem[] = [];
      const existing: ExistingItem[] = [];
      let indexed = 0;
      let flagged = 0;
      let blocked: string | null = null;
      let unjudged = false;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const result = firstValue(results[i]!);
        if (result.status >= 200 && result.status < 300) {
          indexed += 1;
          if (item.flagged) flagged += 1;
          if (result.result === 'updated') this.duplicates += 1;
          this.o.onItemIndexed?.(item, result);
        } else if (isExisting(result)) {
          existing.push({ item, index: result.error?.index ?? '' });
        } else if (RETRYABLE_ITEM.has(result.status)) {
          again.push(item);
        } else if (isBlock(result)) {
          blocked ??= describeItemError(result);
          again.push(item);
        } else {
          await this.o.onRejected?.(item, describeItemError(result));
        }
      }
      if (existing.length > 0) {
        const judged = await this.judge(existing);
        if (judged === null) {
          unjudged = true;
          for (const e of existing) again.push(e.item);
        } else {
          for (let i = 0; i < existing.length; i++) {
            const { item } = existing[i]!;
            const verdict = judged[i]!;
            indexed += 1;
            if (item.flagged) flagged += 1;
            if (verdict === 'conflict') this.conflicts += 1;
            else this.duplicates += 1;
            this.o.onItemIndexed?.(item, { status: 409, result: verdict });
          }
        }
      }
      this.indexed += indexed;
      if (indexed > 0) this.o.onIndexed?.(indexed, flagged);
      items = again;
      if (blocked !== null && this.o.onBlocked === 'fail') throw new IndexBlockedError(blocked);
      if (blocked !== null) attempt = await this.wait(attempt, blocked);
      else if (unjudged) {
        attempt = await this.wait(attempt, `stored copies unread: ${this.lastJudgeError}`);
      } else if (items.length > 0)
        attempt = await this.wait(attempt, `${items.length} items pushed back (429)`);
      else attempt = 0;
    }
  }

  /** The verdicts on documents found stored, or null when they could not be read (tried again). */
  private async judge(existing: ExistingItem[]): Promise<ExistingVerdict[] | null> {
    if (!this.o.onExisting) return existing.map(() => 'duplicate');
    try {
      const verdicts = await this.o.onExisting(existing);
      if (verdicts.length !== existing.length) {
        throw new Error(`${verdicts.length} verdicts for ${existing.length} stored documents`);
      }
      return verdicts;
    } catch (error) {
      this.lastJudgeError = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  private async post(items: BulkItem[]): Promise<BulkResponse> {
    let body = '';
    for (const item of items) body += item.payload;
    try {
      return await this.o.transport.bulk(body);
    } catch (error) {
      // A connection reset or timeout is retried like a 5xx: the documents are idempotent.
      return { status: 599, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async wait(attempt: number, why: string): Promise<number> {
    if (attempt + 1 >= this.o.maxAttempts) {
      throw new Error(`giving up after ${this.o.maxAttempts} attempts: ${why}`);
    }
    this.retries += 1;
    await this.o.sleep(backoff(attempt, this.o.baseDelayMs, this.o.maxDelayMs, Math.random()));
    return attempt + 1;
  }
}

function firstValue(entry: Record<string, BulkItemResult>): BulkItemResult {
  for (const key in entry) return entry[key]!;
  return { status: 0, error: { reason: 'empty bulk item' } };
}

export function describeItemError(result: BulkItemResult): string {
  const e = result.error;
  if (!e) return `status ${result.status}`;
  const cause = e.caused_by?.reason ? `: ${e.caused_by.reason}` : '';
  return `${e.type ?? 'error'}: ${e.reason ?? 'rejected'}${cause}`;
}
