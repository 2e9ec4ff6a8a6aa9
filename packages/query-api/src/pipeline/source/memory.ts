import type { FirehosePublisher, FirehoseRecord } from '../firehose';
import type { ShardSource } from './batcher';
import type { ShardRow } from './gap';

/**
 * An in-memory shard and firehose with switchable failures: what the batcher's unit tests run
 * against, the way an outage or a crash would look to it.
 */
export class MemoryShard {
  rows: ShardRow[] = [];
  cursor = 0n;
  failReads = 0;
  failSaves = 0;
  opened = 0;

  constructor(readonly stream: string) {}

  add(customer: string, record: string, id = (this.rows.at(-1)?.id ?? 0n) + 1n, ageMs = 60_000): void {
    this.rows.push({ id, customer, record, ageMs });
    this.rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  open(): Promise<ShardSource> {
    this.opened += 1;
    return Promise.resolve({
      stream: this.stream,
      loadCursor: () => Promise.resolve(this.cursor),
      readAfter: (cursor, limit) => {
        if (this.failReads > 0) {
          this.failReads -= 1;
          return Promise.reject(new Error('connection lost'));
        }
        return Promise.resolve(this.rows.filter((r) => r.id > cursor).slice(0, limit));
      },
      saveCursor: (id) => {
        if (this.failSaves > 0) {
          this.failSaves -= 1;
          return Promise.reject(new Error('connection lost'));
        }
        this.cursor = id;
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    });
  }
}

export class MemoryFirehose implements FirehosePublisher {
  published: FirehoseRecord[] = [];
  calls = 0;
  failPublishes = 0;
  /** When set, publish waits for it before acknowledging. */
  gate: Promise<void> | null = null;

  async publish(records: readonly FirehoseRecord[]): Promise<void> {
    this.calls += 1;
    if (this.gate) await this.gate;
    if (this.failPublishes > 0) {
      this.failPublishes -= 1;
      throw new Error('brokers unavailable');
    }
    this.published.push(...records);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
