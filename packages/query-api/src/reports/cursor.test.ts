import { describe, expect, it } from 'vitest';
import { hmacCursorKey } from '../server/cursor-key';
import {
  decodeCursor,
  encodeCursor,
  sealCursor,
  windowProblem,
  type LogCursor,
  type LogCursorScope,
} from '@sightline/schema/reports';

const key = hmacCursorKey('log cursor tests, 32 characters or more');
const DAY = 86_400_000;
const to = Date.parse('2026-11-20T10:16:00.000Z');
const scope: LogCursorScope = {
  tenant: 'acme',
  fingerprint: '0a1b2c3d',
  sortLength: 2,
  timeRange: { last: '24h' },
};
const page: LogCursor = {
  after: [to - 5000, 'tx-9'],
  from: to - DAY,
  to,
  total: 89845,
  fingerprint: '0a1b2c3d',
};
/** The message a refused cursor gets, for a problem. */
const refused = (problem: string) => `view.cursor: cursor ${problem}; start again without a cursor`;

/** Flips one character of the text at `index` to another base64url character. */
function alter(text: string, index: number): string {
  const c = text[index];
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('log cursor', () => {
  it('round-trips for the customer and query it was issued for', () => {
    const text = encodeCursor(key, 'acme', page);
    expect(text).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(decodeCursor(key, text, scope)).toEqual(page);
  });

  it('refuses a cursor with any character changed, in its payload or its signature', () => {
    const text = encodeCursor(key, 'acme', page);
    const dot = text.indexOf('.');
    for (const index of [0, dot - 1, dot + 1, text.length - 1])
      expect(() => decodeCursor(key, alter(text, index), scope), `at ${index}`).toThrow(
        refused('was altered, or signed by another server'),
      );
  });

  it('refuses a cursor signed under another secret: a restarted server or another instance', () => {
    const elsewhere = encodeCursor(hmacCursorKey('some other server secret, 32+ chars'), 'acme', page);
    expect(() => decodeCursor(key, elsewhere, scope)).toThrow(
      refused('was altered, or signed by another server'),
    );
  });

  it("refuses another customer's cursor, even for the very same query", () => {
    const globex = encodeCursor(key, 'globex', page);
    expect(() => decodeCursor(key, globex, scope)).toThrow(refused('was issued for another customer'));
  });

  it('refuses a cursor of another query, and one that does not fit its sort', () => {
    const other = encodeCursor(key, 'acme', { ...page, fingerprint: 'ffffffff' });
    expect(() => decodeCursor(key, other, scope)).toThrow(/cursor was issued for another query/);
    expect(() => decodeCursor(key, encodeCursor(key, 'acme', page), { ...scope, sortLength: 3 })).toThrow(
      refused('does not fit the sort of this query'),
    );
  });

  it('refuses the unsigned cursors of earlier versions, and text that is no cursor at all', () => {
    const old = btoa(JSON.stringify([1, page.after, 0, 4102444800000, 123456789, page.fingerprint]))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(() => decodeCursor(key, old, scope)).toThrow(refused('comes from an earlier version of this API'));
    expect(() => decodeCursor(key, 'not*a*cursor', scope)).toThrow(refused('was not issued by this API'));
    expect(() => decodeCursor(key, '', scope)).toThrow(refused('was not issued by this API'));
  });

  it('refuses, even when signed, a window outside the query range, backwards, or a total that is no count', () => {
    const signed = (fields: unknown[]) => sealCursor(key, 'log', 'acme', fields);
    const at = (from: unknown, to: unknown, total: unknown = 1) => [
      page.after,
      from,
      to,
      total,
      page.fingerprint,
    ];
    expect(() => decodeCursor(key, signed(at(0, 4102444800000)), scope)).toThrow(
      refused("has a time window that is not the query's last 24h"),
    );
    expect(() => decodeCursor(key, signed(at(to, to - DAY)), scope)).toThrow(
      refused('has a time window that ends before it starts'),
    );
    expect(() => decodeCursor(key, signed(at('0', to)), scope)).toThrow(refused('has no valid time window'));
    for (const total of [-1, 1.5, '7', null])
      expect(() => decodeCursor(key, signed(at(to - DAY, to, total)), scope), String(total)).toThrow(
        refused('has no valid total'),
      );
    expect(() => decodeCursor(key, sealCursor(key, 'export', 'acme', at(to - DAY, to)), scope)).toThrow(
      refused('was issued for another kind of request'),
    );
  });
});

describe('the window a cursor pins', () => {
  it("is the query's relative span, ending anywhere, or exactly its absolute range", () => {
    expect(windowProblem({ last: '24h' }, to - DAY, to)).toBeNull();
    expect(windowProblem({ last: '24h' }, to, to + DAY)).toBeNull();
    expect(windowProblem({ last: '24h' }, to - 2 * DAY, to)).toMatch(/not the query's last 24h/);
    const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' };
    expect(windowProblem(range, Date.parse(range.from), Date.parse(range.to))).toBeNull();
    expect(windowProblem(range, 0, Date.parse(range.to))).toMatch(/not the query's time range/);
  });
});
