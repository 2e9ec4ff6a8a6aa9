import { ReportDefinitionError } from './issues';
import { relativeSpanMs, type TimeRangeInput } from './time';

/** A sort value as Elasticsearch returns it in `sort` and accepts in `search_after`. */
export type SortValue = string | number | boolean | null;

/**
 * The server's cursor secret. An interface rather than a key, so the compiler signs and checks
 * cursors without holding the secret or reading the environment (the HMAC is in server/cursor-key).
 */
export interface CursorKey {
  /** A MAC of `data`, as base64url. */
  sign(data: string): string;
  /** Whether `mac` is exactly `sign(data)`, compared in constant time. */
  verify(data: string, mac: string): boolean;
}

/** What a cursor continues. Signed in, so a log cursor is never taken for an export's. */
export type CursorKind = 'log' | 'export';

/** Why a cursor was refused, as the end of a sentence that starts with "the cursor". */
export type CursorVerdict = { ok: true; body: unknown } | { ok: false; problem: string };

/** 1 was the unsigned cursor; its holders are told to start again rather than being trusted. */
const VERSION = 2;

const NOT_OURS = 'was not issued by this API';
const OUTDATED = 'comes from an earlier version of this API';

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

function parseJson(base64: string): unknown {
  try {
    return JSON.parse(fromBase64Url(base64));
  } catch {
    return undefined;
  }
}

/**
 * Seals what a cursor carries for one customer: `payload.mac`, both base64url (safe in a query
 * string unescaped). The payload is readable, not secret; the MAC makes any change to it, the kind or
 * the customer detectable, so the server can trust the window and total it carries.
 */
export function sealCursor(key: CursorKey, kind: CursorKind, tenant: string, body: unknown): string {
  const payload = toBase64Url(JSON.stringify([VERSION, kind, tenant, body]));
  return `${payload}.${key.sign(payload)}`;
}

/** Checks a sealed cursor's MAC, kind and customer, in that order; nothing unsigned is believed. */
export function openCursor(key: CursorKey, kind: CursorKind, tenant: string, text: string): CursorVerdict {
  const dot = text.indexOf('.');
  if (dot < 0) {
    // Unsigned cursors were base64url JSON: say so, rather than calling a real old cursor forged.
    return { ok: false, problem: parseJson(text) === undefined ? NOT_OURS : OUTDATED };
  }
  const payload = text.slice(0, dot);
  if (!key.verify(payload, text.slice(dot + 1)))
    return { ok: false, problem: 'was altered, or signed by another server' };
  const parsed = parseJson(payload);
  if (!Array.isArray(parsed) || parsed.length !== 4) return { ok: false, problem: NOT_OURS };
  const [version, issuedFor, issuedTo, body] = parsed as unknown[];
  if (version !== VERSION) return { ok: false, problem: OUTDATED };
  if (issuedFor !== kind) return { ok: false, problem: 'was issued for another kind of request' };
  if (issuedTo !== tenant) return { ok: false, problem: 'was issued for another customer' };
  return { ok: true, body };
}

/**
 * Why a window pinned in a cursor cannot be the resolved `timeRange`, or null. The window came from
 * the server, but checking it keeps a cursor from ever reaching outside the query's range and limits.
 */
export function windowProblem(timeRange: TimeRangeInput, from: unknown, to: unknown): string | null {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return 'has no valid time window';
  const [start, end] = [from as number, to as number];
  if (start >= end) return 'has a time window that ends before it starts';
  if ('last' in timeRange) {
    if (end - start !== relativeSpanMs(timeRange.last))
      return `has a time window that is not the query's last ${timeRange.last}`;
  } else if (start !== Date.parse(timeRange.from) || end !== Date.parse(timeRange.to)) {
    return "has a time window that is not the query's time range";
  }
  return null;
}

/** What a log cursor pins: where the next page starts, and the window and total of the first page. */
export interface LogCursor {
  after: SortValue[];
  from: number;
  to: number;
  total: number;
  /** Fingerprint of the query it belongs to: a cursor only continues the walk it came from. */
  fingerprint: string;
}

/** The walk a log cursor is offered to: its customer, query fingerprint, sort and time range. */
export interface LogCursorScope {
  tenant: string;
  fingerprint: string;
  sortLength: number;
  timeRange: TimeRangeInput;
}

export function encodeCursor(key: CursorKey, tenant: string, cursor: LogCursor): string {
  const { after, from, to, total, fingerprint } = cursor;
  return sealCursor(key, 'log', tenant, [after, from, to, total, fingerprint]);
}

const isSortValue = (v: unknown): v is SortValue =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Opens and checks a log cursor for the walk it is used with; a 400-worthy error otherwise. */
export function decodeCursor(key: CursorKey, text: string, scope: LogCursorScope): LogCursor {
  const refuse = (problem: string) =>
    new ReportDefinitionError([
      { path: 'view.cursor', message: `cursor ${problem}; start again without a cursor` },
    ]);
  const opened = openCursor(key, 'log', scope.tenant, text);
  if (!opened.ok) throw refuse(opened.problem);
  const fields = opened.body;
  if (!Array.isArray(fields) || fields.length !== 5) throw refuse(NOT_OURS);
  const [after, from, to, total, print] = fields as unknown[];
  if (print !== scope.fingerprint)
    throw refuse('was issued for another query (its filters, sort or time range changed)');
  if (!Array.isArray(after) || after.length !== scope.sortLength || !after.every(isSortValue))
    throw refuse('does not fit the sort of this query');
  const window = windowProblem(scope.timeRange, from, to);
  if (window) throw refuse(window);
  if (!Number.isSafeInteger(total) || (total as number) < 0) throw refuse('has no valid total');
  return { after, from: from as number, to: to as number, total: total as number, fingerprint: print };
}

/**
 * FNV-1a, 32 bits: a stable, dependency-free fingerprint that tells queries apart for a helpful
 * message. Not a security boundary: the cursor's MAC is.
 */
export function fingerprintOf(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(value)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
