import { describe, expect, it } from 'vitest';
import { shardIndexFor } from './routing';

describe('shardIndexFor', () => {
  it('sends a customer to the same shard every time, in any process', () => {
    // Pinned: a change here would route new records of every customer away from their history.
    const demo = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'piedpiper'];
    expect(demo.map((c) => shardIndexFor(c, 2))).toEqual([1, 0, 1, 1, 0, 1]);
    expect(shardIndexFor('', 7)).toBe(0x811c9dc5 % 7);
    expect(shardIndexFor('a', 1000)).toBe(0xe40c292c % 1000);
  });

  it('spreads many customers over every shard', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardIndexFor(`customer-${i}`, 4)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('hashes the UTF-8 bytes, so non-ASCII ids route like everywhere else', () => {
    expect(shardIndexFor('müller', 1000)).toBe(shardIndexFor('m\u00fcller', 1000));
    expect(shardIndexFor('müller', 1000)).not.toBe(shardIndexFor('muller', 1000));
  });

  it('refuses a shard count that is not a positive whole number', () => {
    expect(() => shardIndexFor('acme', 0)).toThrow(/at least 1/);
    expect(() => shardIndexFor('acme', 1.5)).toThrow(/whole number/);
  });
});
