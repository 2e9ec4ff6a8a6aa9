import { readFileSync, statSync } from 'node:fs';
import { SecretKeyError, secretKeyOf, type SecretKey } from './sealed';

/** The key that seals stored secrets: 32 bytes as 64 hex digits or base64 (`openssl rand -base64 32`). */
export const SECRET_KEY_ENV = 'SIGHTLINE_SECRET_KEY';
/** Or a file holding it, readable by its owner only (`npm start` makes one in its state directory). */
export const SECRET_KEY_FILE_ENV = 'SIGHTLINE_SECRET_KEY_FILE';

/** Gives the key, or throws a SecretKeyError naming what is wrong. */
export type SecretKeySource = () => SecretKey;

/** The key written as 64 hex digits or as base64 (standard or URL-safe) of 32 bytes. */
export function parseSecretKey(text: string, source: string): SecretKey {
  const value = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)
      ? Buffer.from(value, 'base64')
      : null;
  if (!bytes || bytes.length !== 32)
    throw new SecretKeyError(
      `${source} must be 32 bytes written as 64 hex digits or base64 (e.g. openssl rand -base64 32)${bytes ? `; it holds ${bytes.length} bytes` : ''}`,
    );
  return secretKeyOf(bytes);
}

function readKeyFile(path: string): SecretKey {
  let text: string;
  let mode: number;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SecretKeyError(`${SECRET_KEY_FILE_ENV} names ${path}, which cannot be read (${code})`);
  }
  // As ssh does with private keys: a key others can read protects nothing.
  if ((mode & 0o077) !== 0)
    throw new SecretKeyError(
      `${path} (${SECRET_KEY_FILE_ENV}) can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`,
    );
  return parseSecretKey(text, path);
}

/** The key from SIGHTLINE_SECRET_KEY, else from the file SIGHTLINE_SECRET_KEY_FILE names. */
export function readSecretKey(env: Readonly<Record<string, string | undefined>> = process.env): SecretKey {
  const inline = env[SECRET_KEY_ENV];
  if (inline) return parseSecretKey(inline, SECRET_KEY_ENV);
  const file = env[SECRET_KEY_FILE_ENV];
  if (file) return readKeyFile(file);
  throw new SecretKeyError(
    `no key to seal webhook secrets with: set ${SECRET_KEY_ENV} (32 bytes, e.g. openssl rand -base64 32) or ${SECRET_KEY_FILE_ENV} (npm start makes one)`,
  );
}

/**
 * Reads the key when it is first needed and keeps it: a process that never seals or opens a secret
 * (the detector reads only whether a webhook is on) runs without one. A failure is not kept, so a key
 * set up afterwards is found on the next call.
 */
export function secretKeyFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SecretKeySource {
  let key: SecretKey | undefined;
  return () => (key ??= readSecretKey(env));
}
