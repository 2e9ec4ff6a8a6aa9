import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_TOLERANCE_SECONDS } from '@sightline/schema/api';

/**
 * How a receiver knows a delivery comes from Sightline and was not replayed:
 *
 *   X-Sightline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * keyed with the webhook's secret (the whole `whsec_…` string, as UTF-8). The timestamp is signed with
 * the body, so an old delivery cannot be sent again with a fresh time; the receiver refuses timestamps
 * older than a few minutes and compares in constant time. Verify the raw bytes received, before any
 * JSON parsing changes them.
 */
export const SIGNATURE_HEADER = 'X-Sightline-Signature';
/** The delivery's idempotency key, the same on every attempt: receivers dedupe on it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const DELIVERY_HEADER = 'X-Sightline-Delivery';
export const EVENT_HEADER = 'X-Sightline-Event';
/** 1 on the first attempt, 2 on the first retry… */
export const ATTEMPT_HEADER = 'X-Sightline-Attempt';

/** A new signing secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function hmacHex(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The X-Sightline-Signature value for `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string | Uint8Array, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type WebhookVerification = { ok: true; timestamp: number } | { ok: false; reason: string };

export interface VerifyInput {
  /** The webhook's secret, as shown when it was created or rotated. */
  secret: string;
  /** The raw request body, exactly as received. */
  body: string | Uint8Array;
  /** The X-Sightline-Signature header (null or undefined when absent). */
  header: string | null | undefined;
  /** Oldest accepted timestamp, in seconds before now (default 300). */
  toleranceSeconds?: number;
  /** The receiver's clock, in milliseconds (default Date.now()). */
  now?: number;
}

/**
 * Checks a delivery's signature. Returns `{ ok: true }` only when a v1 signature matches the body and
 * the timestamp is within the tolerance (either way, for clocks a little ahead); otherwise says why.
 *
 * @example
 * const check = verifyWebhookSignature({ secret, body: rawBody, header: req.headers['x-sightline-signature'] });
 * if (!check.ok) return res.writeHead(401).end(check.reason);
 */
export function verifyWebhookSignature(input: VerifyInput): WebhookVerification {
  const { secret, body, header } = input;
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2) as [string, string?];
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null) return { ok: false, reason: 'the signature header has no timestamp (t=)' };
  if (signatures.length === 0) return { ok: false, reason: 'the signature header has no v1 signature' };
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  const age = Math.floor((input.now ?? Date.now()) / 1000) - timestamp;
  if (Math.abs(age) > tolerance)
    return { ok: false, reason: `the timestamp is ${age} s from now, beyond the ${tolerance} s tolerance` };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  const matches = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'no signature matches the body' };
}
