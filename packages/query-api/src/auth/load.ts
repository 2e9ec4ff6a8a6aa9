import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createTokenStore, parseTokenEnv, tokenFileSchema, type TokenStore } from './tokens';

/**
 * The API's tokens: the file named by SIGHTLINE_TOKENS_FILE (JSON `[{name, sha256, customer, admin}]`),
 * and/or SIGHTLINE_TOKENS (`token=customer,token2=*`). There are no built-in tokens: with neither set,
 * the server refuses to start rather than run open.
 */
export function loadTokens(env: NodeJS.ProcessEnv = process.env): TokenStore {
  const entries = [];
  const file = env.SIGHTLINE_TOKENS_FILE;
  if (file) {
    const parsed = tokenFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    entries.push(...parsed.data);
  }
  if (env.SIGHTLINE_TOKENS) entries.push(...parseTokenEnv(env.SIGHTLINE_TOKENS));
  if (entries.length === 0)
    throw new Error(
      'no API tokens: set SIGHTLINE_TOKENS_FILE (see `sightline tokens demo --out FILE`) or SIGHTLINE_TOKENS=token=customer,…',
    );
  return createTokenStore(entries);
}
