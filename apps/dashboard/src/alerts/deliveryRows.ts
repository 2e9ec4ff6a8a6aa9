import type { AlertEvent, WebhookDelivery } from '@sightline/client';

/** One line of the delivery audit: an attempt, or a delivery still waiting for its first. */
export interface DeliveryRow {
  key: string;
  deliveryId: string;
  /** When the attempt was made; when the delivery was recorded, if none was. */
  at: string;
  event: AlertEvent;
  findingId: string | null;
  severity: WebhookDelivery['severity'];
  /** 1 for the first attempt; null before any. */
  attempt: number | null;
  /** The receiver's answer; null when none came back (timeout, refused, TLS) or no attempt yet. */
  statusCode: number | null;
  outcome: string;
  /** delivered, retry, failed, pending or cancelled: for styling and tests. */
  outcomeKind: string;
  /** When the next attempt is due: on the latest attempt of a pending delivery only. */
  nextRetry: string | null;
}

export const EVENT_LABELS: Record<AlertEvent, string> = {
  'finding.created': 'New finding',
  'finding.status_changed': 'Status change',
  'webhook.test': 'Test event',
};

/** A reason after a colon, or nothing when there is none. */
const reason = (text: string | null) => (text ? `: ${text}` : '');

/**
 * The delivery audit as rows, newest first: the API pages deliveries newest first, and within one
 * delivery the latest attempt comes first. The latest attempt of a cancelled delivery says why it
 * stopped; one of a pending delivery says when it is tried again.
 */
export function deliveryRows(deliveries: readonly WebhookDelivery[]): DeliveryRow[] {
  return deliveries.flatMap((d) => {
    const base = { deliveryId: d.id, event: d.event, findingId: d.findingId, severity: d.severity };
    const pendingAt = d.state === 'pending' ? d.nextAttemptAt : null;
    if (d.attempts.length === 0) {
      const cancelled = d.state === 'cancelled';
      return [
        {
          ...base,
          key: d.id,
          at: d.createdAt,
          attempt: null,
          statusCode: null,
          outcome: cancelled
            ? `Cancelled before sending${reason(d.lastError)}`
            : 'Waiting for its first attempt',
          outcomeKind: d.state,
          nextRetry: pendingAt,
        },
      ];
    }
    const attempts = [...d.attempts].sort((a, b) => b.attempt - a.attempt);
    return attempts.map((a, i): DeliveryRow => {
      const latest = i === 0;
      let outcome =
        a.outcome === 'delivered'
          ? 'Delivered'
          : a.outcome === 'retry'
            ? `Failed${reason(a.error)}; retrying`
            : `Failed${reason(a.error)}; no attempt left`;
      if (latest && d.state === 'cancelled')
        outcome = `Failed${reason(a.error)}; then cancelled${reason(d.lastError)}`;
      return {
        ...base,
        key: `${d.id}:${a.attempt}`,
        at: a.at,
        attempt: a.attempt,
        statusCode: a.statusCode,
        outcome,
        outcomeKind: latest && d.state === 'cancelled' ? 'cancelled' : a.outcome,
        nextRetry: latest ? pendingAt : null,
      };
    });
  });
}
