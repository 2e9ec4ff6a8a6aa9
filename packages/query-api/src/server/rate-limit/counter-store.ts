import { createHash } from 'node:crypto';
import { ownIndexCreator } from '../../store/own-index';
import type { Client } from '@elastic/elasticsearch';

/**
 * Counts shared by every API instance: for each key, the number of events in one fixed window.
 * Instances add what they counted since their last sync and learn the total of all instances.
 */
export interface CounterStore {
  /**
   * Adds each delta (0 only reads) to its key's count in `window` and answers the totals across
   * instances; a key left out of the answer was not stored and should be sent again.
   */
  add(window: number, deltas: ReadonlyMap<string, number>): Promise<Map<string, number>>;
}

/** Auto-creation is allowed only for `sightline-*`; the index is created once with the mapping below. */
export const RATE_LIMIT_INDEX = 'sightline-ratelimit';

const mapping = {
  dynamic: 'strict',
  properties: { key: { type: 'keyword' }, window: { type: 'long' }, count: { type: 'long' } },
} as const;

interface CounterDoc {
  key: string;
  window: number;
  count: number;
}

/** Conflicting writes are retried this often within one sync before the delta waits for the next. */
const MAX_ROUNDS = 5;

const docId = (key: string) => createHash('sha256').update(key).digest('base64url');

/**
 * Counters in Elasticsearch without scripts (this node has no painless): one document per key holding
 * the current window and its count, read with a real-time multi-get and written back with optimistic
 * concurrency (if_seq_no / if_primary_term, or create for a new key) in one bulk request; a write
 * that lost a race is read again and retried. A document of an older window starts the new window
 * from zero, so a key never has more than one document.
 */
export class EsCounterStore implements CounterStore {
  #ensure: (() => Promise<void>) | undefined;

  constructor(
    private readonly es: Client,
    private readonly index: string = RATE_LIMIT_INDEX,
  ) {}

  ensureIndex(): Promise<void> {
    this.#ensure ??= ownIndexCreator(this.es, this.index, mapping);
    return this.#ensure();
  }

  async add(window: number, deltas: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    await this.ensureIndex();
    const totals = new Map<string, number>();
    let pending = [...deltas.keys()];
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
      const { docs } = await this.es.mget<CounterDoc>({
        index: this.index,
        ids: pending.map(docId),
        realtime: true,
      });
      const operations: object[] = [];
      const written: string[] = [];
      pending.forEach((key, i) => {
        const doc = docs[i] as
          { found?: boolean; _source?: CounterDoc; _seq_no?: number; _primary_term?: number } | undefined;
        const found = doc?.found === true && doc._source !== undefined;
        const stored = found && doc._source!.window === window ? doc._source!.count : 0;
        const delta = deltas.get(key) ?? 0;
        // A later window already stored: this instance's clock lags; its count is no longer wanted.
        if (found && doc._source!.window > window) return totals.set(key, delta);
        if (delta === 0) return totals.set(key, stored);
        const action = found
          ? {
              index: {
                _index: this.index,
                _id: docId(key),
                if_seq_no: doc._seq_no,
                if_primary_term: doc._primary_term,
              },
            }
          : { create: { _index: this.index, _id: docId(key) } };
        operations.push(action, { key, window, count: stored + delta } satisfies CounterDoc);
        written.push(key);
        totals.set(key, stored + delta);
      });
      pending = [];
      if (operations.length === 0) break;
      const response = await this.es.bulk({ operations });
      response.items.forEach((item, i) => {
        const result = item.index ?? item.create;
        if (result?.status === 409) pending.push(written[i]!);
        else if (result?.error)
          throw new Error(`rate limit counter not stored: ${result.error.reason ?? result.error.type}`);
      });
    }
    // Still contended after every round: left out, so the caller keeps their deltas for its next sync.
    for (const key of pending) totals.delete(key);
    return totals;
  }
}

/** The same counters in one process: for tests and single-instance embedders. */
export class MemoryCounterStore implements CounterStore {
  readonly #counts = new Map<string, { window: number; count: number }>();

  async add(window: number, deltas: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    for (const [key, delta] of deltas) {
      const current = this.#counts.get(key);
      const count = (current?.window === window ? current.count : 0) + delta;
      this.#counts.set(key, { window, count });
      totals.set(key, count);
    }
    return totals;
  }
}
