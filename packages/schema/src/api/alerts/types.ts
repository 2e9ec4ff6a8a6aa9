/**
 * What the webhook alerts store and answer. Types and constants only, so the client and the dashboard
 * import them without the engine or Node's crypto.
 */
import type { Severity, StoredFinding } from '../findings/types';

/** pending: to be sent (again); delivered: a 2xx came back; failed: every attempt failed; cancelled: the webhook was disabled, deleted, or the finding muted before it could be sent. */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * finding.created: a finding reached the customer's minimum severity; finding.status_changed: an admin
 * marked such a finding open, suspicious or dismissed; webhook.test: an admin's test.
 */
export const ALERT_EVENTS = ['finding.created', 'finding.status_changed', 'webhook.test'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** A customer's webhook as the API shows it: never its secret, which is shown once. */
export interface WebhookSetting {
  customer: string;
  url: string;
  /** Findings of this severity or above are sent. */
  minSeverity: Severity;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** The token's name (never its secret) that last changed the setting. */
  updatedBy: string;
  /** When the signing secret was made: at creation or the last rotation. */
  secretCreatedAt: string;
}

/** The answer to PUT: `secret` is the signing secret when the webhook was created, else null. */
export interface WebhookPutResult {
  setting: WebhookSetting;
  created: boolean;
  secret: string | null;
}

/** The answer to a rotation: the new secret, shown only here. */
export interface WebhookSecretResult {
  setting: WebhookSetting;
  secret: string;
}

/** delivered: 2xx; retry: failed, another attempt is scheduled; failed: failed, no attempt left. */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed';

/** One HTTP attempt, as audited. */
export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  at: string;
  url: string;
  durationMs: number;
  /** The receiver's HTTP status; null when none came back (timeout, refused connection, TLS). */
  statusCode: number | null;
  /** Why it failed, in words; null when delivered. */
  error: string | null;
  outcome: AttemptOutcome;
}

/** One message to a customer's webhook: its outbox entry and the audit of its attempts. */
export interface WebhookDelivery {
  /** The idempotency key: the same for every attempt, sent as Idempotency-Key and X-Sightline-Delivery. */
  id: string;
  customer: string;
  event: AlertEvent;
  /** The finding it is about; null for a test. */
  findingId: string | null;
  severity: Severity | null;
  state: DeliveryState;
  attemptCount: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** Why it failed or was cancelled. */
  lastError: string | null;
  attempts: DeliveryAttempt[];
}

export interface WebhookDeliveryPage {
  deliveries: WebhookDelivery[];
  /** Cursor of the next page, null on the last. */
  nextCursor: string | null;
}

/** The JSON body every delivery carries. */
export interface WebhookPayload {
  /** The idempotency key, as in the headers: receivers dedupe on it. */
  id: string;
  event: AlertEvent;
  customer: string;
  /** When the event happened (the finding reached the severity, or the test was asked for). */
  createdAt: string;
  /** The finding as stored when the attempt is made (its status may have changed); null for a test. */
  finding: StoredFinding | null;
}
