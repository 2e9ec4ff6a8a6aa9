/**
 * A map that forgets the least recently used entries beyond `capacity`: what keeps per-user state
 * bounded when a customer has millions of users. Two generations instead of a linked list: entries
 * used since the last turnover live in `current`; when it is full it becomes `previous` and the old
 * `previous` is dropped, so every operation is a couple of Map calls and the map never holds more
 * than twice `capacity` entries, nor forgets one of the last `capacity` used.
 */
export class Lru<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (capacity < 1) throw new Error('an LRU needs room for one entry');
  }

  get size(): number {
    let n = this.current.size;
    for (const key of this.previous.keys()) if (!this.current.has(key)) n++;
    return n;
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.store(key, old);
    }
    return old;
  }

  /** The entry for `key`, created by `make` when missing. */
  upsert(key: K, make: () => V): V {
    const existing = this.get(key);
    if (existing !== undefined) return existing;
    const value = make();
    this.store(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.previous.delete(key);
    this.store(key, value);
  }

  has(key: K): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  private store(key: K, value: V): void {
    if (!this.current.has(key) && this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
