/** A held export slot; releasing twice is harmless, so every exit path can release without bookkeeping. */
export interface ExportLease {
  release(): Promise<void>;
}

/**
 * Caps concurrent exports per customer. An interface so the in-memory counter can be swapped for a
 * shared store (Redis, an Elasticsearch lease index) once the API runs as several replicas; until
 * then the limit holds per replica.
 */
export interface ExportSlots {
  /** A lease, or null when the customer already runs its maximum. */
  tryAcquire(customer: string): Promise<ExportLease | null>;
  /** How long a refused caller should wait before retrying, in seconds. */
  readonly retryAfterSeconds: number;
}

export const DEFAULT_EXPORT_CONCURRENCY = 2;
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** `SIGHTLINE_EXPORT_CONCURRENCY`, a positive integer; anything else falls back to the default. */
export function concurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SIGHTLINE_EXPORT_CONCURRENCY);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_EXPORT_CONCURRENCY;
}

export class InMemoryExportSlots implements ExportSlots {
  readonly #running = new Map<string, number>();

  constructor(
    readonly maxPerCustomer: number = DEFAULT_EXPORT_CONCURRENCY,
    readonly retryAfterSeconds: number = DEFAULT_RETRY_AFTER_SECONDS,
  ) {
    if (!Number.isInteger(maxPerCustomer) || maxPerCustomer < 1) {
      throw new RangeError(`export concurrency must be a positive integer, got ${maxPerCustomer}`);
    }
  }

  running(customer: string): number {
    return this.#running.get(customer) ?? 0;
  }

  async tryAcquire(customer: string): Promise<ExportLease | null> {
    const running = this.running(customer);
    if (running >= this.maxPerCustomer) return null;
    this.#running.set(customer, running + 1);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        const left = this.running(customer) - 1;
        if (left > 0) this.#running.set(customer, left);
        else this.#running.delete(customer);
      },
    };
  }
}
