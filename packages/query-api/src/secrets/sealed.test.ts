import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, openSecret, sealSecret, SealedSecretError, SecretKeyError, secretKeyOf } from './sealed';

const key = secretKeyOf(randomBytes(32));
const other = secretKeyOf(randomBytes(32));
const SECRET = 'whsec_0123456789abcdef';

/** Replaces one base64url part of a sealed secret. */
function withPart(sealed: string, index: number, change: (part: Buffer) => Buffer): string {
  const parts = sealed.split('.');
  parts[index] = change(Buffer.from(parts[index]!, 'base64url')).toString('base64url');
  return parts.join('.');
}
const flipFirstBit = (b: Buffer) => {
  const copy = Buffer.from(b);
  copy[0]! ^= 1;
  return copy;
};

describe('sealed secrets', () => {
  it('open to what was sealed, carry the key id, never the secret in clear, and differ each time', () => {
    const sealed = sealSecret(key, SECRET, 'webhook acme');
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed(SECRET)).toBe(false);
    expect(sealed).not.toContain(SECRET);
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed.split('.')[1]).toBe(key.id);
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(key.id).not.toBe(other.id);
    expect(openSecret(key, sealed, 'webhook acme')).toBe(SECRET);
    expect(sealSecret(key, SECRET, 'webhook acme')).not.toBe(sealed);
  });

  it('do not open under another key, naming both key ids', () => {
    const sealed = sealSecret(key, SECRET, 'webhook acme');
    expect(() => openSecret(other, sealed, 'webhook acme')).toThrow(SealedSecretError);
    expect(() => openSecret(other, sealed, 'webhook acme')).toThrow(
      `the stored secret of webhook acme was sealed with key ${key.id}, but the key configured is ${other.id}`,
    );
  });

  it('detect tampering with the ciphertext, the tag, the nonce or the key id', () => {
    const sealed = sealSecret(key, SECRET, 'webhook acme');
    const integrity = /fails its integrity check/;
    for (const index of [2, 3, 4])
      expect(() => openSecret(key, withPart(sealed, index, flipFirstBit), 'webhook acme')).toThrow(integrity);
    // Another key's bytes under this key's id: GCM refuses it too.
    const forged = sealSecret(other, SECRET, 'webhook acme').replace(other.id, key.id);
    expect(() => openSecret(key, forged, 'webhook acme')).toThrow(integrity);
    expect(() =>
      openSecret(
        key,
        withPart(sealed, 4, (b) => b.subarray(0, 8)),
        'webhook acme',
      ),
    ).toThrow(/damaged/);
  });

  it('do not open for another context: a secret copied to another customer stays shut', () => {
    const sealed = sealSecret(key, SECRET, 'webhook acme');
    expect(() => openSecret(key, sealed, 'webhook globex')).toThrow(/fails its integrity check/);
  });

  it('refuse what is not a sealed secret, and keys that are not 32 bytes', () => {
    expect(() => openSecret(key, SECRET, 'webhook acme')).toThrow(
      'the stored secret of webhook acme is not a sealed secret',
    );
    expect(() => openSecret(key, 'sl1.a.b', 'webhook acme')).toThrow(SealedSecretError);
    expect(() => secretKeyOf(randomBytes(16))).toThrow(SecretKeyError);
    expect(() => secretKeyOf(randomBytes(16))).toThrow('a secret key is 32 bytes, and this one is 16');
  });
});
