import { describe, expect, it } from 'vitest';
import { addRankings, chooseKeys, compareKeys, pickTop } from './ranking';

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

describe('a ranking from summaries and from the records of the hours they leave out, as one', () => {
  const answer = (buckets: [string, number][], other = 0, error = 0) => ({
    buckets: buckets.map(([key, doc_count]) => ({ key, doc_count, doc_count_error_upper_bound: 0 })),
    sum_other_doc_count: other,
    doc_count_error_upper_bound: error,
  });

  it('adds each key’s counts and orders them as Elasticsearch does, addresses by their bytes', () => {
    const merged = addRankings(
      'access_device.ip',
      answer([
        ['203.0.113.7', 5],
        ['10.0.0.2', 3],
      ]),
      answer([
        ['9.255.0.1', 5],
        ['10.0.0.2', 2],
      ]),
    );
    expect(merged.buckets.map((b) => [b.key, b.doc_count, b.doc_count_error_upper_bound])).toEqual([
      ['9.255.0.1', 5, 0],
      ['10.0.0.2', 5, 0],
      ['203.0.113.7', 5, 0],
    ]);
  });

  it('bounds a key one side left out by as much as that side’s last key held, when it left any out', () => {
    const merged = addRankings(
      'user.name',
      answer([['ann', 40]]),
      answer(
        [
          ['bob', 9],
          ['cy', 4],
        ],
        12,
        1,
      ),
    );
    // ann may have up to 4 + 1 records among those the records side did not return; bob and cy none
    // on the summaries side, which returned every key it holds.
    expect(merged.buckets.map((b) => [b.key, b.doc_count_error_upper_bound])).toEqual([
      ['ann', 5],
      ['bob', 0],
      ['cy', 0],
    ]);
    // Those bounds decide which keys the counting pass counts: the top 2 could be ann and anyone.
    expect(chooseKeys('count', 1, merged)).toEqual(['ann']);
    expect(chooseKeys('count', 2, merged)).toEqual(['ann', 'bob']);
  });

  it('ranks first a key that is only in the middle of each side, once both sides add it up', () => {
    const side = (prefix: string) =>
      answer([...Array.from({ length: 50 }, (_, i): [string, number] => [`${prefix}${i}`, 30]), ['x', 25]]);
    const merged = addRankings('user.name', side('a'), side('b'));
    expect(merged.buckets[0]).toMatchObject({ key: 'x', doc_count: 50 });
    expect(chooseKeys('count', 20, merged)[0]).toBe('x');
  });

  it('adds failures too, for a failure-rate ranking', () => {
    const side = (failed: number) => ({
      buckets: [{ key: 'crm', doc_count: 20, failed: { doc_count: failed } }],
    });
    expect(addRankings('application.name', side(3), side(4)).buckets[0]).toMatchObject({
      doc_count: 40,
      failed: { doc_count: 7 },
    });
  });
});
