import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hashToken, type TokenEntry } from './tokens';

export interface IssuedToken {
  name: string;
  customer: string | null;
  admin: boolean;
  /** The plain token: shown once, never stored. */
  token: string;
}

function newToken(): string {
  return `sl_${randomBytes(24).toString('base64url')}`;
}

/** Fresh random tokens: one per customer, plus one admin. */
export function issueDemoTokens(customers: readonly string[]): {
  issued: IssuedToken[];
  entries: TokenEntry[];
} {
  const issued: IssuedToken[] = [
    ...customers.map((customer) => ({ name: `demo-${customer}`, customer, admin: false, token: newToken() })),
    { name: 'demo-admin', customer: null, admin: true, token: newToken() },
  ];
  const entries = issued.map(({ name, customer, admin, token }) => ({
    name,
    customer,
    admin,
    sha256: hashToken(token),
  }));
  return { issued, entries };
}

/** Writes the hashed tokens file (owner-only) and returns the plain tokens for printing once. */
export function writeDemoTokens(path: string, customers: readonly string[]): IssuedToken[] {
  const { issued, entries } = issueDemoTokens(customers);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return issued;
}
