import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets Sightline must keep in clear somewhere to use them (a webhook's HMAC key), sealed with
 * AES-256-GCM before they are stored: `sl1.<key id>.<iv>.<ciphertext>.<tag>`, each part base64url. The
 * key id names the key that sealed it, so keys can be rotated later (a reader picks the key by id);
 * the context (e.g. the customer) is authenticated with it, so a sealed secret copied onto another
 * customer's setting does not open there.
 */
const VERSION = 'sl1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretKey {
  /** A fingerprint of the key, not the key: stored beside each secret it seals. */
  readonly id: string;
  readonly bytes: Buffer;
}

/** No usable key: missing, unreadable or not 32 bytes. */
export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

/** A stored secret that does not open: sealed under another key, altered, or not a sealed secret. */
export class SealedSecretError extends Error {
  override name = 'SealedSecretError';
}

export function secretKeyOf(bytes: Uint8Array): SecretKey {
  if (bytes.length !== KEY_BYTES)
    throw new SecretKeyError(`a secret key is ${KEY_BYTES} bytes, and this one is ${bytes.length}`);
  const copy = Buffer.from(bytes);
  const id = createHash('sha256').update('sightline secret key id\0').update(copy).digest('hex').slice(0, 16);
  return { id, bytes: copy };
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}.`);
}

const aad = (keyId: string, context: string) => Buffer.from(`${VERSION}\0${keyId}\0${context}`, 'utf8');

export function sealSecret(key: SecretKey, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(key.id, context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, key.id, iv, data, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The secret sealed under `key` for `context`; a SealedSecretError says why it does not open. */
export function openSecret(key: SecretKey, sealed: string, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION)
    throw new SealedSecretError(`the stored secret of ${context} is not a sealed secret`);
  const [, keyId, iv, data, tag] = parts as [string, string, string, string, string];
  if (keyId !== key.id)
    throw new SealedSecretError(
      `the stored secret of ${context} was sealed with key ${keyId}, but the key configured is ${key.id}: SIGHTLINE_SECRET_KEY (or its file) is not the key the secret was stored with`,
    );
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
    throw new SealedSecretError(
      `the stored secret of ${context} is damaged (its nonce or tag has the wrong length)`,
    );
  const decipher = createDecipheriv(ALGORITHM, key.bytes, ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(keyId, context));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SealedSecretError(
      `the stored secret of ${context} fails its integrity check: it was altered, belongs to another record, or was sealed under another key`,
    );
  }
}
