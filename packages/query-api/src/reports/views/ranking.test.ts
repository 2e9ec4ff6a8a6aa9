import { describe, expect, it } from 'vitest';
import { compareKeys, pickTop } from './ranking';

const rows = (...keys: string[]) => keys.map((key) => ({ key, value: 7 }));

describe('ties are broken in Elasticsearch’s key order', () => {
  it('names by code point, as their UTF-8 bytes compare, not by UTF-16 code unit', () => {
    // U+FB00 is below U+1F98A, but its UTF-16 unit 0xFB00 is above the emoji's surrogate 0xD83E.
    expect(pickTop('user.name', rows('🦊 Fox', 'ﬀ Ligature', 'bob'), 3).map((r) => r.key)).toEqual([
      'bob',
      'ﬀ Ligature',
      '🦊 Fox',
    ]);
    expect(compareKeys('user.name', 'Jose\u0301', 'Jos\u00e9')).toBeLessThan(0);
    expect(compareKeys('user.name', 'ann', 'ann')).toBe(0);
  });

  it('addresses by their 16 bytes: IPv6 below ::ffff:0:0 first, then IPv4 numerically, then the rest of IPv6', () => {
    const ips = ['2001:db8::bad', '203.0.113.7', '10.0.0.2', '::1', '9.255.0.1', '::ffff:a00:1', 'fe80::1'];
    expect(pickTop('access_device.ip', rows(...ips), 10).map((r) => r.key)).toEqual([
      '::1',
      '9.255.0.1',
      '::ffff:a00:1',
      '10.0.0.2',
      '203.0.113.7',
      '2001:db8::bad',
      'fe80::1',
    ]);
  });

  it('a higher value ranks first whatever its key', () => {
    const ranked = pickTop('user.name', [...rows('a', 'b'), { key: 'z', value: 9 }], 2);
    expect(ranked.map((r) => r.key)).toEqual(['z', 'a']);
  });
});
