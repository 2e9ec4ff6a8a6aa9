import { createHash } from 'node:crypto';

/**
 * What a record's content hash leaves out: what the pipeline stamps (`ingested_at`), derives
 * (`quality`, whose `ts_in_future` depends on when it arrived) or is (`content_hash`). The identity
 * fields are hashed as normalised (a time as epoch or ISO text is one time).
 */
export const UNHASHED_FIELDS: ReadonlySet<string> = new Set([
  'ingested_at',
  'quality',
  'content_hash',
  'txid',
  'customer_id',
  'ts',
]);

/**
 * Accumulates the values the source gave for the schema's fields, as given: not as normalised, so a
 * record re-delivered after a deploy that parses an address or a country better is still the same
 * content. Absent and null values are left out, so a field added to the schema changes no hash.
 */
export class ContentDigest {
  private text = '';

  add(name: string, raw: unknown): void {
    if (raw === undefined || raw === null) return;
    this.text += `${name}\u0000${JSON.stringify(raw)}\u0001`;
  }

  /** The hash of the identity (normalised) and the values added: 43 characters of base64url SHA-256. */
  digest(txid: string, customer: string, ts: string): string {
    return createHash('sha256')
      .update(`${txid}\u0001${customer}\u0001${ts}\u0001${this.text}`)
      .digest('base64url');
  }
}
