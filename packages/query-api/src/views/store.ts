import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../store/own-index';
import { MAX_VIEWS_PER_CUSTOMER, type SavedView } from '@sightline/schema/api';
import { VIEWS_INDEX, viewsMapping } from './mapping';

interface StoredView extends SavedView {
  customer: string;
  key: string;
}

/** Names that differ only in case or Unicode form are one name. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The document id of a customer's view of this name: a second save of the name collides with the first. */
export function viewId(customer: string, name: string): string {
  return createHash('sha256')
    .update(JSON.stringify([customer, nameKey(name)]))
    .digest('hex')
    .slice(0, 32);
}

export class DuplicateViewError extends Error {
  override name = 'DuplicateViewError';
  constructor(viewName: string) {
    super(`a view named "${viewName}" exists already; choose another name or delete that one first`);
  }
}

export class TooManyViewsError extends Error {
  override name = 'TooManyViewsError';
  constructor(readonly limit: number) {
    super(`a customer keeps at most ${limit} saved views; delete one before saving another`);
  }
}

const isConflict = (error: unknown) => (error as { meta?: { statusCode?: number } }).meta?.statusCode === 409;

const publicView = ({ id, name, url, owner, createdAt }: StoredView): SavedView => ({
  id,
  name,
  url,
  owner,
  createdAt,
});

/**
 * Saved views in Elasticsearch, each under its customer. Writes wait for a refresh, so the next list,
 * on any API instance, shows them.
 */
export class EsViewStore {
  readonly #ensure: () => Promise<void>;

  constructor(
    private readonly es: Client,
    readonly index: string = VIEWS_INDEX,
    readonly limit: number = MAX_VIEWS_PER_CUSTOMER,
  ) {
    this.#ensure = ownIndexCreator(es, index, viewsMapping);
  }

  /** Every view of the customer, by name. */
  async list(customer: string): Promise<SavedView[]> {
    await this.#ensure();
    const response = await this.es.search<StoredView>({
      index: this.index,
      // Never more than the limit, but a race (below) may have let one or two more in: list them too.
      size: this.limit * 2,
      track_total_hits: false,
      query: { bool: { filter: [{ term: { customer } }] } },
      sort: [{ key: 'asc' }, { id: 'asc' }],
    });
    return response.hits.hits.flatMap((h) => (h._source ? [publicView(h._source)] : []));
  }

  /**
   * Saves a view; DuplicateViewError when the customer has one of that name, TooManyViewsError at the
   * limit. The name is the document id, so two saves of one name cannot both succeed; the limit is
   * counted first, so two instances racing at the limit may store one view more than it, never many.
   */
  async create(customer: string, view: { name: string; url: string; owner: string; at: string }) {
    await this.#ensure();
    const { count } = await this.es.count({ index: this.index, query: { term: { customer } } });
    if (count >= this.limit) throw new TooManyViewsError(this.limit);
    const stored: StoredView = {
      id: viewId(customer, view.name),
      customer,
      name: view.name,
      key: nameKey(view.name),
      url: view.url,
      owner: view.owner,
      createdAt: view.at,
    };
    try {
      await this.es.create({ index: this.index, id: stored.id, document: stored, refresh: 'wait_for' });
    } catch (error) {
      if (isConflict(error)) throw new DuplicateViewError(view.name);
      throw error;
    }
    return publicView(stored);
  }

  /** The customer's view with this id; null for an unknown id or another customer's view. */
  async get(customer: string, id: string): Promise<SavedView | null> {
    await this.#ensure();
    const response = await this.es.get<StoredView>({ index: this.index, id }, { ignore: [404] });
    const view = response.found ? response._source : undefined;
    return view && view.customer === customer ? publicView(view) : null;
  }

  /** Deletes the customer's view; the view as it was, or null when the customer has none with this id. */
  async delete(customer: string, id: string): Promise<SavedView | null> {
    const view = await this.get(customer, id);
    if (!view) return null;
    const response = await this.es.delete({ index: this.index, id, refresh: 'wait_for' }, { ignore: [404] });
    return response.result === 'deleted' ? view : null;
  }
}
