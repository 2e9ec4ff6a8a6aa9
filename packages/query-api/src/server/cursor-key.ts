import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CursorKey } from '@sightline/schema/reports';

/** The secret log and export cursors are signed with, shared by every instance behind one address. */
export const CURSOR_SECRET_ENV = 'SIGHTLINE_CURSOR_SECRET';
/** 32 characters of `openssl rand -base64 32` carry well over 128 bits. */
export const MIN_CURSOR_SECRET_LENGTH = 32;

/** HMAC-SHA256 under `secret`. */
export function hmacCursorKey(secret: string | Uint8Array): CursorKey {
  const sign = (data: string) => createHmac('sha256', secret).update(data).digest('base64url');
  return {
    sign,
    verify(data, mac) {
      // Compared as text, not decoded bytes: base64url decoding ignores stray characters and the spare
      // bits of the last one, so a decoded comparison would accept altered cursors.
      const expected = Buffer.from(sign(data));
      const given = Buffer.from(mac);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** A key no other process has: cursors then work only within this process. */
export function randomCursorKey(): CursorKey {
  return hmacCursorKey(randomBytes(32));
}

/**
 * The key from SIGHTLINE_CURSOR_SECRET, read once at start. Unset, a random one, with a notice:
 * paging and resuming still work until a restart, which is fine for one process but not for several.
 */
export function cursorKeyFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): CursorKey {
  const secret = env[CURSOR_SECRET_ENV];
  if (!secret) {
    notice(
      `sightline: ${CURSOR_SECRET_ENV} is not set; cursors are signed with a random secret and will not survive a restart or be shared across instances`,
    );
    return randomCursorKey();
  }
  if (secret.length < MIN_CURSOR_SECRET_LENGTH)
    throw new Error(
      `${CURSOR_SECRET_ENV} must be at least ${MIN_CURSOR_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`,
    );
  return hmacCursorKey(secret);
}
