import type { estypes } from '@elastic/elasticsearch';

/** One document per customer, its id the customer id: the webhook and its signing secret. */
export const WEBHOOK_SETTINGS_INDEX = 'sightline-alert-webhooks';
/** The outbox and its audit: one document per delivery, its id the idempotency key. */
export const WEBHOOK_DELIVERIES_INDEX = 'sightline-alert-deliveries';

/** Index names; tests give each run its own. */
export interface AlertIndices {
  settings: string;
  deliveries: string;
}

export const DEFAULT_ALERT_INDICES: AlertIndices = {
  settings: WEBHOOK_SETTINGS_INDEX,
  deliveries: WEBHOOK_DELIVERIES_INDEX,
};

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

export const settingsMapping: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    customer: keyword,
    url: { type: 'keyword', index: false },
    minSeverity: keyword,
    enabled: { type: 'boolean' },
    // Sealed with AES-256-GCM under the secret key (secrets/sealed.ts), opened to sign with (HMAC);
    // never returned by the API after creation or rotation.
    secret: { type: 'keyword', index: false },
    secretCreatedAt: date,
    createdAt: date,
    updatedAt: date,
    updatedBy: keyword,
  },
};

export const deliveriesMapping: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: keyword,
    customer: keyword,
    event: keyword,
    findingId: keyword,
    severity: keyword,
    state: keyword,
    attemptCount: { type: 'integer' },
    nextAttemptAt: date,
    createdAt: date,
    deliveredAt: date,
    lastError: { type: 'text' },
    // At most maxAttempts entries, read whole with the delivery: kept in _source, not indexed.
    attempts: { type: 'object', enabled: false },
    // The finding when the event happened, sent if the stored one cannot be read.
    snapshot: { type: 'object', enabled: false },
  },
};
