import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSearchResponse } from './search-response';

const source = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const hit = fc.record({
  _index: fc.constant('sightline-authlog-v1-2026.11'),
  _id: fc.string(),
  _score: fc.constant(null),
  _source: source,
  sort: fc.tuple(fc.integer(), fc.oneof(fc.integer(), fc.string())),
});

function response(hits: unknown[], extra: Record<string, unknown> = {}) {
  return {
    pit_id: 'p=="\\1',
    took: 3,
    timed_out: false,
    _shards: { total: 4, successful: 4, skipped: 0, failed: 0 },
    hits: { max_score: null, hits },
    ...extra,
  };
}

describe('reading a search response without parsing its records', () => {
  it('gives each hit’s stored bytes and sort values, compact or pretty-printed', () => {
    fc.assert(
      fc.property(fc.array(hit, { maxLength: 8 }), fc.boolean(), (hits, pretty) => {
        const body = Buffer.from(JSON.stringify(response(hits), null, pretty ? 2 : undefined));
        const page = readSearchResponse(body);
        expect(page.pitId).toBe('p=="\\1');
        expect(page.failedShards).toBe(0);
        expect(page.bytes).toBe(body.length);
        expect(page.hits.length).toBe(hits.length);
        hits.forEach((original, i) => {
          expect(page.hits.sortValues(i)).toEqual(original.sort);
          expect(JSON.stringify(page.hits.value(i))).toBe(JSON.stringify(original._source));
          // Read without allocating from compact output; anything else falls back to sortValues.
          if (!pretty && typeof original.sort[0] === 'number' && Math.abs(original.sort[0]) < 1e15) {
            expect(page.hits.firstInteger(i)).toBe(original.sort[0]);
          }
          const json = page.hits.json(i);
          if (!pretty) expect(json?.toString()).toBe(JSON.stringify(original._source));
          else if (Object.keys(original._source).length > 0) expect(json).toBeUndefined();
        });
      }),
    );
  });

  it('reads failed shards and stops at a truncated body instead of reading past it', () => {
    const failed = response([], { _shards: { total: 4, successful: 3, skipped: 0, failed: 1 } });
    expect(readSearchResponse(Buffer.from(JSON.stringify(failed))).failedShards).toBe(1);
    const whole = JSON.stringify(response([{ _source: { txid: 'a' }, sort: [1] }]));
    for (const cut of [whole.length - 1, whole.indexOf('txid') + 3, whole.indexOf('_source') + 12]) {
      expect(() => readSearchResponse(Buffer.from(whole.slice(0, cut)))).toThrow(/JSON from Elasticsearch/);
    }
  });

  it('grows past the expected number of hits and treats a hit without a source as an empty record', () => {
    const body = Buffer.from(
      JSON.stringify(response([{ _id: 'a' }, { _source: { n: 1 } }, { _source: {} }])),
    );
    const { hits } = readSearchResponse(body, 1);
    expect(hits.length).toBe(3);
    expect([0, 1, 2].map((i) => hits.value(i))).toEqual([{}, { n: 1 }, {}]);
    expect(hits.json(0)?.toString()).toBe('{}');
    expect(hits.sortValues(0)).toBeUndefined();
    expect(hits.firstInteger(0)).toBeUndefined();
  });

  it('finds a top-level string field in the stored bytes, escapes and all', () => {
    const records = [
      { txid: 'a"b\\c', user: { txid: 'nested' } },
      { user: { txid: 'nested' }, 'tx\u0069d': 'ü ✓' },
      { user: { txid: 'nested' } },
      { txid: 7 },
    ];
    const body = Buffer.from(JSON.stringify(response(records.map((r) => ({ _source: r })))));
    const { hits } = readSearchResponse(body);
    expect(records.map((_, i) => hits.stringField(i, 'txid'))).toEqual([
      'a"b\\c',
      'ü ✓',
      undefined,
      undefined,
    ]);
  });
});
