/**
 * Remembers an answer per key for a moment, so a room of dashboards polling every few seconds costs
 * one search per key and moment. Concurrent callers share the pending promise; a failure is not kept.
 */
export interface TtlCache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
}

export interface TtlCacheOptions {
  ttlMs: number;
  /** Beyond this many keys the expired ones are dropped, then the oldest. */
  maxEntries?: number;
  /** Monotonic milliseconds; injected by tests. */
  clock?: () => number;
}

export function ttlCache<T>({
  ttlMs,
  maxEntries = 10_000,
  clock = () => performance.now(),
}: TtlCacheOptions): TtlCache<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  const prune = (now: number) => {
    for (const [key, entry] of entries) if (now - entry.at >= ttlMs) entries.delete(key);
    // Maps iterate in insertion order: the first keys are the oldest.
    for (const key of entries.keys()) {
      if (entries.size < maxEntries) break;
      entries.delete(key);
    }
  };
  return {
    get(key, load) {
      const now = clock();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      entries.delete(key);
      if (entries.size >= maxEntries) prune(now);
      const value = load();
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
