import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSecretKey, readSecretKey, secretKeyFromEnv } from './key';
import { SecretKeyError, secretKeyOf } from './sealed';

const bytes = randomBytes(32);
const dir = mkdtempSync(join(tmpdir(), 'sightline-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(name: string, content: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
}

describe('the secret key', () => {
  it('is read as 64 hex digits or as base64, standard or URL-safe', () => {
    const id = secretKeyOf(bytes).id;
    expect(parseSecretKey(bytes.toString('hex'), 'X').id).toBe(id);
    expect(parseSecretKey(bytes.toString('base64'), 'X').id).toBe(id);
    expect(parseSecretKey(`${bytes.toString('base64url')}\n`, 'X').id).toBe(id);
  });

  it.each([
    ['short', randomBytes(16).toString('base64'), '; it holds 16 bytes'],
    ['not base64 or hex', 'correct horse battery staple', ''],
  ])('refuses a key that is %s, naming where it came from', (_, text, detail) => {
    expect(() => parseSecretKey(text, 'SIGHTLINE_SECRET_KEY')).toThrow(
      `SIGHTLINE_SECRET_KEY must be 32 bytes written as 64 hex digits or base64 (e.g. openssl rand -base64 32)${detail}`,
    );
  });

  it('comes from SIGHTLINE_SECRET_KEY before the file', () => {
    const file = keyFile('other.key', randomBytes(32).toString('base64'), 0o600);
    const env = { SIGHTLINE_SECRET_KEY: bytes.toString('hex'), SIGHTLINE_SECRET_KEY_FILE: file };
    expect(readSecretKey(env).id).toBe(secretKeyOf(bytes).id);
  });

  it('comes from a file only its owner can read', () => {
    const file = keyFile('secret.key', `${bytes.toString('base64')}\n`, 0o600);
    expect(readSecretKey({ SIGHTLINE_SECRET_KEY_FILE: file }).id).toBe(secretKeyOf(bytes).id);
    const open = keyFile('open.key', bytes.toString('base64'), 0o644);
    expect(() => readSecretKey({ SIGHTLINE_SECRET_KEY_FILE: open })).toThrow(
      `${open} (SIGHTLINE_SECRET_KEY_FILE) can be read by other users (mode 644); chmod 600 it`,
    );
    const missing = join(dir, 'missing.key');
    expect(() => readSecretKey({ SIGHTLINE_SECRET_KEY_FILE: missing })).toThrow(
      `SIGHTLINE_SECRET_KEY_FILE names ${missing}, which cannot be read (ENOENT)`,
    );
  });

  it('missing, is an error naming both ways to give it, raised only when a key is needed', () => {
    expect(() => readSecretKey({})).toThrow(SecretKeyError);
    expect(() => readSecretKey({})).toThrow(/no key to seal webhook secrets with: set SIGHTLINE_SECRET_KEY/);
    const env: Record<string, string | undefined> = {};
    const source = secretKeyFromEnv(env);
    expect(source).toThrow(SecretKeyError);
    // Set up afterwards, it is found; then kept.
    env.SIGHTLINE_SECRET_KEY = bytes.toString('base64');
    expect(source().id).toBe(secretKeyOf(bytes).id);
    env.SIGHTLINE_SECRET_KEY = randomBytes(32).toString('base64');
    expect(source().id).toBe(secretKeyOf(bytes).id);
  });
});
