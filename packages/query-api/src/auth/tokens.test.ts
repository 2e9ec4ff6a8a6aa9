import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenStore, hashToken, loadTokens, parseTokenEnv, tokenFileSchema, writeDemoTokens } from '.';

describe('tokens', () => {
  it('verifies against stored hashes only', () => {
    const store = createTokenStore([
      { name: 'a', sha256: hashToken('secret'), customer: 'acme', admin: false },
    ]);
    expect(store.verify('secret')).toEqual({ name: 'a', admin: false, customer: 'acme' });
    expect(store.verify('secreT')).toBeNull();
    expect(store.verify('')).toBeNull();
  });

  it('reads SIGHTLINE_TOKENS pairs, * meaning admin, and refuses malformed ones', () => {
    const store = createTokenStore(parseTokenEnv('t1=acme, t2=*'));
    expect(store.verify('t1')).toMatchObject({ customer: 'acme', admin: false });
    expect(store.verify('t2')).toMatchObject({ admin: true, customer: null });
    expect(() => parseTokenEnv('justatoken')).toThrow(/entry 1/);
    // A customer the API would refuse to name could never be read with its token.
    expect(() => parseTokenEnv('t1=acme,t2=ac me')).toThrow(
      /entry 2: "ac me" is not a customer id \(1 to 64 letters/,
    );
    expect(
      tokenFileSchema.safeParse([{ name: 'n', sha256: 'a'.repeat(64), customer: '-acme' }]).success,
    ).toBe(false);
  });

  it('writes demo tokens hashed and owner-only, and loads them back', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sl-tokens-')), 'tokens.json');
    const issued = writeDemoTokens(file, ['acme', 'globex']);
    expect(issued.map((t) => t.customer)).toEqual(['acme', 'globex', null]);
    const text = readFileSync(file, 'utf8');
    for (const t of issued) expect(text).not.toContain(t.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const store = loadTokens({ SIGHTLINE_TOKENS_FILE: file });
    expect(store.verify(issued[1]!.token)).toMatchObject({ customer: 'globex' });
    expect(store.verify(issued[2]!.token)).toMatchObject({ admin: true });
  });

  it('refuses to start without tokens rather than run open', () => {
    expect(() => loadTokens({})).toThrow(/no API tokens/);
  });
});
