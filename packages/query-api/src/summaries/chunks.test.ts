import { describe, expect, it } from 'vitest';
import { planChunks } from './chunks';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const hours = (n: number) => T0 + n * H;
const window = (from: number, to: number) => ({ from: hours(from), to: hours(to) });
const counts = (entries: [number, number][]) => new Map(entries.map(([h, n]) => [hours(h), n]));

describe('planChunks', () => {
  it('covers the window exactly, in order, without gaps or overlaps', () => {
    const chunks = planChunks(
      window(0, 50),
      counts([
        [3, 10],
        [20, 5_000],
        [21, 5_000],
        [40, 1],
      ]),
      {
        hours: 12,
        records: 6_000,
      },
    );
    expect(chunks[0]!.from).toBe(hours(0));
    expect(chunks.at(-1)!.to).toBe(hours(50));
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.from).toBe(chunks[i - 1]!.to);
  });

  it('keeps a sparse customer to chunks of the hour limit, empty hours included', () => {
    expect(planChunks(window(0, 30), counts([[5, 3]]), { hours: 12, records: 20_000 })).toEqual([
      window(0, 12),
      window(12, 24),
      window(24, 30),
    ]);
  });

  it('cuts a busy stretch so no chunk holds more records than the limit', () => {
    const busy = counts(Array.from({ length: 12 }, (_, h) => [h, 7_000] as [number, number]));
    const chunks = planChunks(window(0, 12), busy, { hours: 12, records: 20_000 });
    expect(chunks).toEqual([
      window(0, 2),
      window(2, 4),
      window(4, 6),
      window(6, 8),
      window(8, 10),
      window(10, 12),
    ]);
  });

  it('gives an hour that alone holds more than the limit a chunk of its own', () => {
    expect(
      planChunks(
        window(0, 4),
        counts([
          [0, 10],
          [1, 90_000],
          [2, 10],
        ]),
        { hours: 12, records: 20_000 },
      ),
    ).toEqual([window(0, 1), window(1, 2), window(2, 4)]);
  });

  it('gives nothing for an empty window', () => {
    expect(planChunks(window(3, 3), new Map(), { hours: 12, records: 1 })).toEqual([]);
  });
});
