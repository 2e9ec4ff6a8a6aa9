import type { Client, estypes } from '@elastic/elasticsearch';
import {
  type AlertEvent,
  type Finding,
  SEVERITIES,
  type Severity,
  type StoredFinding,
  type WebhookDelivery,
  type WebhookDeliveryPage,
} from '@sightline/schema/api';
import { ownIndexCreator } from '../store/own-index';
import { deliveryId } from './delivery-id';
import { deliveriesMapping, type AlertIndices } from './mapping';
import type { DeliveryListQuery } from './params';
import type { EsWebhookSettings } from './settings-store';

/** The outbox document: the delivery as the API shows it, plus the finding as it was found. */
export interface StoredDelivery extends WebhookDelivery {
  snapshot: Finding | null;
}

/** A due delivery with what a claim needs to win it alone. */
export interface DueDelivery {
  delivery: StoredDelivery;
  seqNo: number;
  primaryTerm: number;
}

export const atLeast = (severity: Severity, minimum: Severity) =>
  SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);

const statusOf = (error: unknown) => (error as { meta?: { statusCode?: number } }).meta?.statusCode;

/**
 * The deliveries to customers' webhooks, durable in Elasticsearch: the detector records what is to be
 * sent before it commits its offsets, the deliverer claims what is due, sends it and records each
 * attempt on the same document, which is the audit.
 */
export class EsAlertOutbox {
  readonly #ensure: () => Promise<void>;

  readonly indices: AlertIndices;

  /** Uses the settings' indices, so one run's settings and deliveries always go together. */
  constructor(
    private readonly es: Client,
    readonly settings: EsWebhookSettings,
  ) {
    this.indices = settings.indices;
    this.#ensure = ownIndexCreator(es, this.indices.deliveries, deliveriesMapping);
  }

  ensureIndex(): Promise<void> {
    return this.#ensure();
  }

  /**
   * Records a delivery for each finding at or above its customer's minimum severity whose webhook is
   * enabled; returns how many are new. Each has the finding's idempotency key as its id and is
   * created only if absent, so a replayed batch, or a finding updated again, never sends twice.
   */
  async enqueue(findings: readonly Finding[], now: string): Promise<number> {
    return this.#record(
      findings.map((finding) => ({ finding, event: 'finding.created', key: 'finding.created' })),
      now,
    );
  }

  /**
   * Records a delivery of an admin's status change of a finding at or above the customer's minimum
   * severity; its key is the finding with the change's status and time, so each change is one event.
   */
  async enqueueStatusChange(finding: StoredFinding): Promise<boolean> {
    const at = finding.statusChangedAt ?? finding.updatedAt;
    const key = `finding.status_changed:${finding.status}@${at}`;
    return (await this.#record([{ finding, event: 'finding.status_changed', key }], at)) === 1;
  }

  async #record(
    events: readonly { finding: Finding; event: AlertEvent; key: string }[],
    now: string,
  ): Promise<number> {
    if (events.length === 0) return 0;
    const settings = await this.settings.getMany([...new Set(events.map((e) => e.finding.customer))]);
    const due = events.filter(({ finding: f }) => {
      const setting = settings.get(f.customer);
      return setting?.enabled === true && atLeast(f.severity, setting.minSeverity);
    });
    if (due.length === 0) return 0;
    await this.#ensure();
    const operations = due.flatMap(({ finding, event, key }) => {
      const id = deliveryId(finding.customer, finding.id, key);
      const doc: StoredDelivery = {
        id,
        customer: finding.customer,
        event,
        findingId: finding.id,
        severity: finding.severity,
        state: 'pending',
        attemptCount: 0,
        nextAttemptAt: now,
        createdAt: now,
        deliveredAt: null,
        lastError: null,
        attempts: [],
        snapshot: finding,
      };
      return [{ create: { _index: this.indices.deliveries, _id: id } }, doc];
    });
    const response = await this.es.bulk({ operations });
    let created = 0;
    const failed: string[] = [];
    for (const item of response.items) {
      const result = item.create;
      if (!result) continue;
      if (!result.error) created += 1;
      // 409: recorded before (and perhaps delivered): exactly what makes a replay harmless.
      else if (result.status !== 409) failed.push(`${result.error.type}: ${result.error.reason ?? ''}`);
    }
    if (failed.length > 0) throw new Error(`${failed.length} alert deliveries not recorded: ${failed[0]}`);
    return created;
  }

  /** Pending deliveries whose next attempt is due, the oldest first. */
  async due(now: string, limit: number): Promise<DueDelivery[]> {
    const response = await this.es.search<StoredDelivery>(
      {
        index: this.indices.deliveries,
        size: limit,
        track_total_hits: false,
        seq_no_primary_term: true,
        query: {
          bool: { filter: [{ term: { state: 'pending' } }, { range: { nextAttemptAt: { lte: now } } }] },
        },
        sort: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      },
      { ignore: [404] },
    );
    return (response.hits?.hits ?? []).flatMap((hit) =>
      hit._source && hit._seq_no !== undefined && hit._primary_term !== undefined
        ? [{ delivery: hit._source, seqNo: hit._seq_no, primaryTerm: hit._primary_term }]
        : [],
    );
  }

  /**
   * Leases a due delivery to this deliverer until `until` (its next attempt time moves there), only if
   * no one changed it since it was read; false when another deliverer won it. A deliverer that dies
   * while sending leaves the lease to expire, and the delivery is sent again: at least once.
   */
  async claim(due: DueDelivery, until: string): Promise<boolean> {
    try {
      await this.es.update({
        index: this.indices.deliveries,
        id: due.delivery.id,
        if_seq_no: due.seqNo,
        if_primary_term: due.primaryTerm,
        doc: { nextAttemptAt: until },
      });
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  /** Stores the delivery's new state and attempts. */
  async save(delivery: StoredDelivery): Promise<void> {
    await this.es.index({ index: this.indices.deliveries, id: delivery.id, document: delivery });
  }

  /** Records a test delivery (sent at once by the API, never retried). */
  async recordTest(delivery: StoredDelivery): Promise<void> {
    await this.#ensure();
    await this.es.index({
      index: this.indices.deliveries,
      id: delivery.id,
      document: delivery,
      refresh: 'wait_for',
    });
  }

  /** One page of a customer's deliveries with their attempts, newest first. */
  async list(customer: string, query: DeliveryListQuery): Promise<WebhookDeliveryPage> {
    await this.#ensure();
    const filter: estypes.QueryDslQueryContainer[] = [{ term: { customer } }];
    if (query.state) filter.push({ terms: { state: query.state } });
    const response = await this.es.search<StoredDelivery>({
      index: this.indices.deliveries,
      size: query.pageSize,
      track_total_hits: false,
      query: { bool: { filter } },
      sort: [{ createdAt: 'desc' }, { id: 'desc' }],
      ...(query.cursor ? { search_after: query.cursor } : {}),
    });
    const hits = response.hits.hits;
    const deliveries = hits.flatMap((h) => (h._source ? [withoutSnapshot(h._source)] : []));
    const last = hits[hits.length - 1];
    const nextCursor =
      hits.length === query.pageSize && last?.sort
        ? Buffer.from(JSON.stringify(last.sort)).toString('base64url')
        : null;
    return { deliveries, nextCursor };
  }
}

export function withoutSnapshot(stored: StoredDelivery): WebhookDelivery {
  const { snapshot: _, ...delivery } = stored;
  return delivery;
}
