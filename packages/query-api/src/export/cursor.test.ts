import { describe, expect, it } from 'vitest';
import { encodeCursor as encodeLogCursor, sealCursor } from '@sightline/schema/reports';
import { hmacCursorKey } from '../server/cursor-key';
import { decodeCursor, encodeCursor, sortValuesOf, type ExportCursor } from './cursor';

const key = hmacCursorKey('export cursor tests, 32 characters or more');
const cursor: ExportCursor = {
  sort: [1714521600000, 'tx-9'],
  rows: 5000,
  from: 1714521600000,
  to: 1715126400000,
  fingerprint: '0a1b2c3d',
};
const unsigned = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('resume cursor', () => {
  it('round-trips for the customer it was issued to, in URL-safe characters', () => {
    const text = encodeCursor(key, 'acme', cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(key, text, 'acme')).toEqual(cursor);
  });

  it('refuses another customer, another key and garbage, naming the problem', () => {
    const text = encodeCursor(key, 'acme', cursor);
    expect(() => decodeCursor(key, text, 'globex')).toThrow(
      'after: the cursor was issued for another customer; start the export again without after=',
    );
    const otherServer = hmacCursorKey('another server with its own 32+ char secret');
    expect(() => decodeCursor(otherServer, text, 'acme')).toThrow(/was altered, or signed by another server/);
    expect(() => decodeCursor(key, 'not-a-cursor', 'acme')).toThrow(/was not issued by this API/);
  });

  it('refuses the unsigned cursors of earlier versions instead of trusting them', () => {
    const old = unsigned({ v: 1, c: 'acme', s: [1, 'a'], n: 0, f: 0, t: 1, q: 'x' });
    expect(() => decodeCursor(key, old, 'acme')).toThrow(/comes from an earlier version of this API/);
  });

  it('refuses a log cursor, and signed bodies that are not an export position', () => {
    const log = encodeLogCursor(key, 'acme', { after: [1, 'a'], from: 0, to: 1, total: 1, fingerprint: 'x' });
    expect(() => decodeCursor(key, log, 'acme')).toThrow(/another kind of request/);
    const valid = { s: [1, 'a'], n: 0, f: 0, t: 1, q: 'x' };
    expect(decodeCursor(key, sealCursor(key, 'export', 'acme', valid), 'acme').sort).toEqual([1, 'a']);
    for (const body of [
      { ...valid, s: [{ a: 1 }] },
      { ...valid, n: -1 },
      { ...valid, extra: 1 },
    ])
      expect(() => decodeCursor(key, sealCursor(key, 'export', 'acme', body), 'acme')).toThrow(
        /was not issued by this API/,
      );
  });

  it('drops the implicit _shard_doc tiebreaker a point in time adds', () => {
    expect(sortValuesOf([5, 'tx', 12], 2)).toEqual([5, 'tx']);
    expect(() => sortValuesOf([5], 2)).toThrow();
    expect(() => sortValuesOf([{}, 'tx'], 2)).toThrow();
  });
});
