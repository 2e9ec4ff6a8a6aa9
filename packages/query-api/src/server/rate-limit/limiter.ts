import type { CounterStore } from './counter-store';

/** One limit: at most `limit` events per `windowSeconds`, in fixed windows aligned to the epoch. */
export interface RatePolicy {
  /** Named in the RateLimit and RateLimit-Policy headers. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** Where a key stands in its current window. */
export interface RateState {
  policy: RatePolicy;
  /** Events counted in this window, by every instance as far as this one knows. */
  count: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
  exceeded: boolean;
}

interface KeyState {
  window: number;
  windowSeconds: number;
  /** The total across instances at the last sync, this instance's synced events included. */
  shared: number;
  /** Counted here since the last sync. */
  local: number;
  /** Being sent by the sync in flight. */
  sending: number;
}

export interface RateLimiterOptions {
  store: CounterStore;
  /** How often counts are exchanged with the other instances (the store), in milliseconds. */
  syncIntervalMs?: number;
  now?: () => number;
  /** Where failures to reach the store are reported (at most once a minute). */
  onSyncError?: (error: unknown) => void;
}

/**
 * Fixed-window counters that hold across API instances at low cost: a request only reads and bumps
 * an in-process count; a background sync adds what this instance counted to the shared store and
 * learns everyone's total, once per interval for every key seen in its current window (two requests
 * to Elasticsearch, whatever the number of keys; keys are forgotten when their window ends).
 * Between syncs a key can go over its limit by what the other instances counted in one interval.
 * When the store cannot be reached, each instance keeps enforcing what it knows (its own count plus
 * the last total) and retries.
 */
export class SharedRateLimiter {
  readonly #store: CounterStore;
  readonly #now: () => number;
  readonly #keys = new Map<string, KeyState>();
  readonly #timer: NodeJS.Timeout;
  readonly #onSyncError: (error: unknown) => void;
  #syncing: Promise<void> | undefined;
  #lastErrorAt = -Infinity;

  constructor({ store, syncIntervalMs = 500, now = Date.now, onSyncError }: RateLimiterOptions) {
    this.#store = store;
    this.#now = now;
    this.#onSyncError =
      onSyncError ?? ((error) => console.warn('sightline rate limits: sync failed:', error));
    this.#timer = setInterval(() => void this.sync(), syncIntervalMs);
    this.#timer.unref();
  }

  #windowOf(policy: RatePolicy): number {
    return Math.floor(this.#now() / (policy.windowSeconds * 1000));
  }

  #state(key: string, policy: RatePolicy, window: number): KeyState {
    let state = this.#keys.get(key);
    if (!state || state.window !== window) {
      state = { window, windowSeconds: policy.windowSeconds, shared: 0, local: 0, sending: 0 };
      this.#keys.set(key, state);
    }
    return state;
  }

  #view(policy: RatePolicy, count: number, window: number): RateState {
    const end = (window + 1) * policy.windowSeconds * 1000;
    return {
      policy,
      count,
      remaining: Math.max(0, policy.limit - count),
      resetSeconds: Math.max(1, Math.ceil((end - this.#now()) / 1000)),
      exceeded: count > policy.limit,
    };
  }

  /** Where the key stands, without counting anything. */
  peek(key: string, policy: RatePolicy): RateState {
    const window = this.#windowOf(policy);
    const state = this.#keys.get(key);
    const count = state?.window === window ? state.shared + state.local + state.sending : 0;
    return this.#view(policy, count, window);
  }

  /**
   * Counts `weight` events (one by default) for the key unless that would pass the limit;
   * `countRefused` counts them anyway (failed authentications count however many there are).
   */
  hit(key: string, policy: RatePolicy, { countRefused = false, weight = 1 } = {}): RateState {
    const window = this.#windowOf(policy);
    const state = this.#state(key, policy, window);
    const count = state.shared + state.local + state.sending + weight;
    if (count <= policy.limit || countRefused) state.local += weight;
    return this.#view(policy, count, window);
  }

  /** Sends this instance's counts and learns the totals; one sync at a time. */
  sync(): Promise<void> {
    this.#syncing ??= this.#sync().finally(() => (this.#syncing = undefined));
    return this.#syncing;
  }

  async #sync(): Promise<void> {
    // Keys are grouped by window: policies may differ in length.
    const byWindow = new Map<number, Map<string, number>>();
    const now = this.#now();
    for (const [key, state] of this.#keys) {
      if (state.window !== Math.floor(now / (state.windowSeconds * 1000))) {
        this.#keys.delete(key);
        continue;
      }
      state.sending = state.local;
      state.local = 0;
      let deltas = byWindow.get(state.window);
      if (!deltas) byWindow.set(state.window, (deltas = new Map()));
      deltas.set(key, state.sending);
    }
    for (const [window, deltas] of byWindow) {
      let totals: Map<string, number> | undefined;
      try {
        totals = await this.#store.add(window, deltas);
      } catch (error) {
        if (this.#now() - this.#lastErrorAt > 60_000) {
          this.#lastErrorAt = this.#now();
          this.#onSyncError(error);
        }
      }
      for (const key of deltas.keys()) {
        const state = this.#keys.get(key);
        if (!state || state.window !== window) continue;
        const total = totals?.get(key);
        if (total === undefined) state.local += state.sending;
        else state.shared = total;
        state.sending = 0;
      }
    }
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
