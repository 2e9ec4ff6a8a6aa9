import { describe, expect, it } from 'vitest';
import { concurrencyFromEnv, DEFAULT_EXPORT_CONCURRENCY, InMemoryExportSlots } from './limits';

describe('export slots', () => {
  it('grants up to the limit per customer, independently per customer', async () => {
    const slots = new InMemoryExportSlots(2);
    const a1 = await slots.tryAcquire('a');
    const a2 = await slots.tryAcquire('a');
    expect(a1).not.toBeNull();
    expect(a2).not.toBeNull();
    expect(await slots.tryAcquire('a')).toBeNull();
    expect(await slots.tryAcquire('b')).not.toBeNull();
    await a1!.release();
    await a1!.release();
    expect(slots.running('a')).toBe(1);
    expect(await slots.tryAcquire('a')).not.toBeNull();
    expect(await slots.tryAcquire('a')).toBeNull();
  });

  it('reads the limit from the environment, falling back on nonsense', () => {
    expect(concurrencyFromEnv({ SIGHTLINE_EXPORT_CONCURRENCY: '5' })).toBe(5);
    expect(concurrencyFromEnv({ SIGHTLINE_EXPORT_CONCURRENCY: '0' })).toBe(DEFAULT_EXPORT_CONCURRENCY);
    expect(concurrencyFromEnv({ SIGHTLINE_EXPORT_CONCURRENCY: 'two' })).toBe(DEFAULT_EXPORT_CONCURRENCY);
    expect(concurrencyFromEnv({})).toBe(DEFAULT_EXPORT_CONCURRENCY);
    expect(() => new InMemoryExportSlots(0)).toThrow(RangeError);
  });
});
