import { createHash } from 'node:crypto';

/**
 * The idempotency key of a finding's event: the same finding reaching the threshold again (a replay,
 * a redelivered batch, a later update of its evidence) has the same key, so the outbox holds it once
 * and receivers can dedupe on it.
 */
export function deliveryId(customer: string, findingId: string, event: string): string {
  return createHash('sha256')
    .update(JSON.stringify([customer, findingId, event]))
    .digest('hex')
    .slice(0, 32);
}
