import { describe, expect, it } from 'vitest';
import { Random, Weighted } from './random';

describe('Random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(seqA);
  });

  it('draws uniform numbers in [0, 1)', () => {
    const r = new Random('u');
    const xs = Array.from({ length: 20_000 }, () => r.next());
    expect(xs.filter((x) => x < 0 || x >= 1)).toEqual([]);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('makes version-4-shaped UUIDs that are stable per seed', () => {
    const r = new Random(1);
    const uuids = Array.from({ length: 1000 }, () => r.uuid());
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(uuids.filter((id) => !shape.test(id))).toEqual([]);
    expect(new Set(uuids).size).toBe(1000);
    expect(new Random(1).uuid()).toBe(uuids[0]);
  });

  it('forks independent streams by label', () => {
    expect(new Random(5).fork('a').uint32()).toBe(new Random(5).fork('a').uint32());
    expect(new Random(5).fork('a').uint32()).not.toBe(new Random(5).fork('b').uint32());
  });
});

describe('Weighted', () => {
  it('samples in proportion to the weights and never picks a zero weight', () => {
    const table = new Weighted([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    const r = new Random(9);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[table.sample(r)] += 1;
    expect(counts.never).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });

  it('refuses a table without a positive weight', () => {
    expect(() => new Weighted([['x', 0]])).toThrow(/positive weight/);
  });
});
