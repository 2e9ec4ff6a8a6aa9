import { describe, expect, it } from 'vitest';
import { ttlCache } from './ttl-cache';

describe('the moment cache of health reads', () => {
  it('loads a key again once its moment has passed', async () => {
    let now = 0;
    let loads = 0;
    const cache = ttlCache<number>({ ttlMs: 1000, clock: () => now });
    const load = async () => ++loads;
    expect(await cache.get('acme', load)).toBe(1);
    now = 999;
    expect(await cache.get('acme', load)).toBe(1);
    now = 1000;
    expect(await cache.get('acme', load)).toBe(2);
  });

  it('keeps no failure: the next caller tries again', async () => {
    const cache = ttlCache<string>({ ttlMs: 1000, clock: () => 0 });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('holds at most maxEntries keys, dropping the oldest', async () => {
    let loads = 0;
    const cache = ttlCache<number>({ ttlMs: 1000, maxEntries: 2, clock: () => 0 });
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('b', load)).toBe(2);
    expect(await cache.get('a', load)).toBe(4);
  });
});
