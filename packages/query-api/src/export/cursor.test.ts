import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, sortValuesOf, type ExportCursor } from './cursor';

const cursor: ExportCursor = {
  sort: [1714521600000, 'tx-9'],
  rows: 5000,
  from: 1714521600000,
  to: 1715126400000,
  fingerprint: '0a1b2c3d',
};
const raw = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('resume cursor', () => {
  it('round-trips for the customer it was issued to', () => {
    const text = encodeCursor('acme', cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, 'acme')).toEqual(cursor);
  });

  it('refuses another customer, garbage and tampered shapes', () => {
    const text = encodeCursor('acme', cursor);
    expect(() => decodeCursor(text, 'globex')).toThrow(/another customer/);
    expect(() => decodeCursor('not-a-cursor', 'acme')).toThrow(/not a Sightline export cursor/);
    const valid = { v: 1, c: 'acme', s: [1, 'a'], n: 0, f: 0, t: 1, q: 'x' };
    expect(decodeCursor(raw(valid), 'acme').sort).toEqual([1, 'a']);
    expect(() => decodeCursor(raw({ ...valid, s: [{ a: 1 }] }), 'acme')).toThrow(/not a Sightline/);
    expect(() => decodeCursor(raw({ ...valid, n: -1 }), 'acme')).toThrow(/not a Sightline/);
    expect(() => decodeCursor(raw({ ...valid, extra: 1 }), 'acme')).toThrow(/not a Sightline/);
  });

  it('drops the implicit _shard_doc tiebreaker a point in time adds', () => {
    expect(sortValuesOf([5, 'tx', 12], 2)).toEqual([5, 'tx']);
    expect(() => sortValuesOf([5], 2)).toThrow();
    expect(() => sortValuesOf([{}, 'tx'], 2)).toThrow();
  });
});
