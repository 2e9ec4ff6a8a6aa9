import { randomUUID } from 'node:crypto';
import { ownIndexCreator } from '../store/own-index';
import type { Client } from '@elastic/elasticsearch';
import { DEFAULT_RETRY_AFTER_SECONDS, type ExportLease, type ExportSlots } from './limits';

/** Auto-creation is allowed only for `sightline-*`; the index is created once with the mapping below. */
export const EXPORT_SLOTS_INDEX = 'sightline-export-slots';

const mapping = {
  dynamic: 'strict',
  properties: { customer: { type: 'keyword' }, holder: { type: 'keyword' }, expires_at: { type: 'long' } },
} as const;

interface SlotDoc {
  customer: string;
  holder: string;
  /** Epoch milliseconds after which another instance may take the slot. */
  expires_at: number;
}

export interface EsExportSlotsOptions {
  index?: string;
  /** How long a lease lasts unless renewed: what a crashed instance's slot stays taken for. */
  leaseMs?: number;
  now?: () => number;
  retryAfterSeconds?: number;
}

/** Where a write left the document, for the next conditional write (always set for index and create). */
function versionOf(r: { _seq_no?: number; _primary_term?: number }): { seqNo: number; primaryTerm: number } {
  if (r._seq_no === undefined || r._primary_term === undefined)
    throw new Error('Elasticsearch did not say where it wrote the export slot');
  return { seqNo: r._seq_no, primaryTerm: r._primary_term };
}

const status = (error: unknown) => (error as { meta?: { statusCode?: number } }).meta?.statusCode;

/**
 * Export slots every API instance shares: slot i of a customer is the document `<customer>#<i>`,
 * taken with op_type create (or, once its lease has expired, by overwriting it with optimistic
 * concurrency), renewed while the export runs, and deleted when it ends, so at most `maxPerCustomer`
 * exports run for a customer across all instances. A crashed instance's slots come free when their
 * lease expires.
 */
export class EsExportSlots implements ExportSlots {
  readonly retryAfterSeconds: number;
  readonly #index: string;
  readonly #leaseMs: number;
  readonly #now: () => number;
  #ensure: (() => Promise<void>) | undefined;

  constructor(
    private readonly es: Client,
    readonly maxPerCustomer: number,
    {
      index = EXPORT_SLOTS_INDEX,
      leaseMs = 120_000,
      now = Date.now,
      retryAfterSeconds,
    }: EsExportSlotsOptions = {},
  ) {
    if (!Number.isInteger(maxPerCustomer) || maxPerCustomer < 1)
      throw new RangeError(`export concurrency must be a positive integer, got ${maxPerCustomer}`);
    this.#index = index;
    this.#leaseMs = leaseMs;
    this.#now = now;
    this.retryAfterSeconds = retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }

  #ensureIndex(): Promise<void> {
    this.#ensure ??= ownIndexCreator(this.es, this.#index, mapping);
    return this.#ensure();
  }

  async tryAcquire(customer: string): Promise<ExportLease | null> {
    await this.#ensureIndex();
    const holder = randomUUID();
    for (let slot = 0; slot < this.maxPerCustomer; slot++) {
      const id = `${customer}#${slot}`;
      const taken = await this.#take(id, { customer, holder, expires_at: this.#now() + this.#leaseMs });
      if (taken) return this.#lease(id, customer, holder, taken);
    }
    return null;
  }

  /** The slot's sequence number once this holder has it; null when someone else holds it. */
  async #take(id: string, doc: SlotDoc): Promise<{ seqNo: number; primaryTerm: number } | null> {
    try {
      const r = await this.es.create({ index: this.#index, id, document: doc });
      return versionOf(r);
    } catch (error) {
      if (status(error) !== 409) throw error;
    }
    const current = await this.es.get<SlotDoc>({ index: this.#index, id }, { ignore: [404] });
    if (!current.found || !current._source || current._source.expires_at > this.#now()) return null;
    try {
      const r = await this.es.index({
        index: this.#index,
        id,
        document: doc,
        if_seq_no: current._seq_no!,
        if_primary_term: current._primary_term!,
      });
      return versionOf(r);
    } catch (error) {
      if (status(error) === 409) return null;
      throw error;
    }
  }

  #lease(id: string, customer: string, holder: string, version: { seqNo: number; primaryTerm: number }) {
    let current = version;
    let released = false;
    const renew = async () => {
      try {
        const r = await this.es.index({
          index: this.#index,
          id,
          document: { customer, holder, expires_at: this.#now() + this.#leaseMs },
          if_seq_no: current.seqNo,
          if_primary_term: current.primaryTerm,
        });
        current = versionOf(r);
      } catch (error) {
        // Lost after an outage longer than the lease: the export runs on; the next release is a no-op.
        if (status(error) !== 409) console.warn('sightline export: slot lease not renewed:', error);
      }
    };
    const timer = setInterval(() => void renew(), Math.max(1000, this.#leaseMs / 3));
    timer.unref();
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await this.es
          .delete({ index: this.#index, id, if_seq_no: current.seqNo, if_primary_term: current.primaryTerm })
          .catch((error: unknown) => {
            // Already taken over (409) or gone (404): the slot is not ours to free.
            if (status(error) !== 409 && status(error) !== 404) throw error;
          });
      },
    };
  }
}
