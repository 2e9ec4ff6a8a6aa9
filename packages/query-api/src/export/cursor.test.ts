import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, sortValuesOf } from './cursor';

describe('resume cursor', () => {
  it('round-trips for the customer it was issued to', () => {
    const cursor = encodeCursor('acme', { sort: [1714521600000, 'tx-9'], rows: 5000 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'acme')).toEqual({ sort: [1714521600000, 'tx-9'], rows: 5000 });
  });

  it('refuses another customer, garbage and tampered shapes', () => {
    const cursor = encodeCursor('acme', { sort: [1, 'a'], rows: 1 });
    expect(() => decodeCursor(cursor, 'globex')).toThrow(/another customer/);
    expect(() => decodeCursor('not-a-cursor', 'acme')).toThrow(/not a Sightline export cursor/);
    const forged = Buffer.from(JSON.stringify({ v: 1, c: 'acme', s: ['x', 1], n: 0 })).toString('base64url');
    expect(() => decodeCursor(forged, 'acme')).toThrow(/not a Sightline export cursor/);
    const negative = Buffer.from(JSON.stringify({ v: 1, c: 'acme', s: [1, 'a'], n: -1 })).toString(
      'base64url',
    );
    expect(() => decodeCursor(negative, 'acme')).toThrow(/not a Sightline export cursor/);
  });

  it('drops the implicit _shard_doc tiebreaker a point in time adds', () => {
    expect(sortValuesOf([5, 'tx', 12])).toEqual([5, 'tx']);
    expect(() => sortValuesOf(['5', 'tx'])).toThrow();
  });
});
