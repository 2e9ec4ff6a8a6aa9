import { createHash } from 'node:crypto';
import type { FindingType } from '@sightline/schema/api';

/**
 * A finding's id from what makes it one finding: the customer, the type, who or what it is about,
 * and its window's key (the txid of its first evidence, or an hour). Replaying the same events
 * gives the same ids, so the store upserts instead of duplicating.
 */
export function findingId(customer: string, type: FindingType, subject: string, windowKey: string): string {
  return createHash('sha256')
    .update(JSON.stringify([customer, type, subject, windowKey]))
    .digest('hex')
    .slice(0, 32);
}
