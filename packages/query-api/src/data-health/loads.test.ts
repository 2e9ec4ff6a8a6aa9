import { describe, expect, it } from 'vitest';
import { LOAD_KINDS, MAX_LOAD_STREAMS } from '@sightline/schema/api';
import { loadsRequest, parseLoads } from './loads';

const range = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-02T00:00:00Z') };
const sums = (read: number, stored: number, duplicates = 0, flagged = 0, rejected = 0) => ({
  read: { value: read },
  stored: { value: stored },
  duplicates: { value: duplicates },
  flagged: { value: flagged },
  rejected: { value: rejected },
});
const hour = (t: string, docs: number, read: number) => ({
  key: Date.parse(t),
  doc_count: docs,
  ...sums(read, read),
});

describe('the loads panel', () => {
  it('asks for loads of record-storing loaders in the range, the busiest streams first', () => {
    const request = loadsRequest(range, 'sightline.authlog/');
    expect(JSON.stringify(request.query)).toContain('"prefix":{"stream":"sightline.authlog/"}');
    expect(JSON.stringify(request.query)).toContain(JSON.stringify({ terms: { loader: [...LOAD_KINDS] } }));
    expect(JSON.stringify(request.query)).toContain('"must_not":[{"term":{"loader":"version"}}]');
    expect(request.aggs!.streams!.terms).toMatchObject({
      size: MAX_LOAD_STREAMS,
      order: [{ read: 'desc' }, { _key: 'asc' }],
    });
  });

  it('turns the buckets into totals and hours, counting the streams left out', () => {
    const shard = {
      key: 'mysql/shard_0',
      doc_count: 3,
      ...sums(170, 166, 1, 4, 2),
      kind: { buckets: [{ key: 'batcher' }] },
      hours: { buckets: [hour('2026-02-01T10:00:00Z', 2, 150), hour('2026-02-01T23:00:00Z', 1, 20)] },
    };
    const parsed = parseLoads(
      {
        aggregations: {
          kinds: {
            buckets: [
              { ...shard, key: 'batcher' },
              { ...shard, key: 'archive' },
            ],
          },
          streams: { buckets: [shard] },
          stream_count: { value: 5 },
        },
      },
      range,
    );
    expect(parsed.kinds.map((k) => k.kind)).toEqual(['batcher']);
    expect(parsed.sources).toEqual([
      {
        kind: 'batcher',
        stream: 'mysql/shard_0',
        totals: { read: 170, stored: 166, duplicates: 1, flagged: 4, rejected: 2, batches: 3 },
        hours: [
          {
            t: '2026-02-01T10:00:00.000Z',
            read: 150,
            stored: 150,
            duplicates: 0,
            flagged: 0,
            rejected: 0,
            batches: 2,
          },
          {
            t: '2026-02-01T23:00:00.000Z',
            read: 20,
            stored: 20,
            duplicates: 0,
            flagged: 0,
            rejected: 0,
            batches: 1,
          },
        ],
      },
    ]);
    expect(parsed.otherSources).toBe(4);
  });

  it('answers an empty panel when the load log does not exist yet', () => {
    expect(parseLoads({}, range)).toMatchObject({
      kinds: [],
      sources: [],
      otherSources: 0,
      bucketMs: 3_600_000,
    });
  });
});
