import { ReportDefinitionError } from './issues';

/** A sort value as Elasticsearch returns it in `sort` and accepts in `search_after`. */
export type SortValue = string | number | boolean | null;

/** What a log cursor pins: where the next page starts, and the window and total of the first page. */
export interface LogCursor {
  after: SortValue[];
  from: number;
  to: number;
  total: number;
  /** Fingerprint of the query it belongs to: a cursor only continues the walk it came from. */
  fingerprint: string;
}

const VERSION = 1;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(cursor: LogCursor): string {
  const { after, from, to, total, fingerprint } = cursor;
  return toBase64Url(JSON.stringify([VERSION, after, from, to, total, fingerprint]));
}

const isSortValue = (v: unknown): v is SortValue =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Decodes and checks a cursor against the query it is used with; a 400-worthy error otherwise. */
export function decodeCursor(text: string, fingerprint: string, sortLength: number): LogCursor {
  const invalid = (why: string) =>
    new ReportDefinitionError([{ path: 'view.cursor', message: `invalid cursor: ${why}` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(text));
  } catch {
    throw invalid('not a cursor this API issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 6 || parsed[0] !== VERSION)
    throw invalid('not a cursor this API issued');
  const [, after, from, to, total, print] = parsed as unknown[];
  if (
    !Array.isArray(after) ||
    after.length !== sortLength ||
    !after.every(isSortValue) ||
    !Number.isSafeInteger(from) ||
    !Number.isSafeInteger(to) ||
    !Number.isSafeInteger(total) ||
    typeof print !== 'string'
  )
    throw invalid('malformed');
  if (print !== fingerprint)
    throw invalid('it belongs to a different query (filters, sort or time range changed)');
  return { after, from: from as number, to: to as number, total: total as number, fingerprint };
}

/** FNV-1a, 32 bits: a stable, dependency-free fingerprint (not a security boundary). */
export function fingerprintOf(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(value)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
