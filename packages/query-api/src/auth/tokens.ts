import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CUSTOMER_ID_PATTERN, CUSTOMER_ID_RULE, isCustomerId } from '@sightline/schema';

/** Who a bearer token speaks for: one customer, or an admin who names the customer per request. */
export type Principal =
  { name: string; admin: true; customer: string | null } | { name: string; admin: false; customer: string };

/** One entry of the tokens file: the token itself is never stored, only its SHA-256. */
export const tokenEntrySchema = z
  .strictObject({
    name: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'),
    customer: z.string().regex(CUSTOMER_ID_PATTERN, `not a customer id (${CUSTOMER_ID_RULE})`).nullable(),
    admin: z.boolean().default(false),
  })
  .refine((e) => e.admin || e.customer !== null, {
    message: 'a token that is not admin must name a customer',
    path: ['customer'],
  });
export type TokenEntry = z.output<typeof tokenEntrySchema>;
export const tokenFileSchema = z.array(tokenEntrySchema);

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface TokenStore {
  /** The principal a presented token belongs to, or null. */
  verify(token: string): Principal | null;
  readonly size: number;
}

/**
 * Checks a presented token against every stored hash in constant time per entry, without stopping at
 * the first match, so timing reveals neither which entry matched nor how much of a hash did.
 */
export function createTokenStore(entries: readonly TokenEntry[]): TokenStore {
  const stored = entries.map((e) => ({ entry: e, digest: Buffer.from(e.sha256, 'hex') }));
  return {
    size: stored.length,
    verify(token: string): Principal | null {
      const digest = createHash('sha256').update(token, 'utf8').digest();
      let found: TokenEntry | null = null;
      for (const s of stored) if (timingSafeEqual(s.digest, digest) && !found) found = s.entry;
      if (!found) return null;
      return found.admin
        ? { name: found.name, admin: true, customer: found.customer }
        : { name: found.name, admin: false, customer: found.customer! };
    },
  };
}

/**
 * `SIGHTLINE_TOKENS`: comma-separated `token=customer` pairs; `token=*` is an admin.
 * Plain tokens in the environment are hashed at once and never kept.
 */
export function parseTokenEnv(text: string): TokenEntry[] {
  return text
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair, i) => {
      const at = pair.lastIndexOf('=');
      const token = pair.slice(0, at);
      const customer = pair.slice(at + 1);
      if (at <= 0 || !customer)
        throw new Error(`SIGHTLINE_TOKENS entry ${i + 1} is not token=customer or token=*`);
      const admin = customer === '*';
      if (!admin && !isCustomerId(customer))
        throw new Error(
          `SIGHTLINE_TOKENS entry ${i + 1}: "${customer}" is not a customer id (${CUSTOMER_ID_RULE})`,
        );
      return {
        name: admin ? `env-admin-${i + 1}` : `env-${customer}`,
        sha256: hashToken(token),
        customer: admin ? null : customer,
        admin,
      };
    });
}
