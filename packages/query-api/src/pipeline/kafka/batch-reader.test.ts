import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BatchReader } from './batch-reader';

describe('BatchReader', () => {
  it('hands out batches of at most the maximum, in order', async () => {
    const stream = new PassThrough({ objectMode: true });
    for (let i = 1; i <= 5; i++) stream.write(i);
    const reader = new BatchReader<number>(stream, { maxMessages: 2, lingerMs: 10 });
    expect(await reader.next()).toEqual([1, 2]);
    expect(await reader.next()).toEqual([3, 4]);
    expect(await reader.next()).toEqual([5]);
  });

  it('ends a batch once its messages reach the byte bound, passing it by one message at most', async () => {
    const stream = new PassThrough({ objectMode: true });
    for (const text of ['aaaa', 'bbbb', 'cc', 'dddddddd', 'e']) stream.write(text);
    const reader = new BatchReader<string>(stream, {
      maxMessages: 100,
      lingerMs: 10,
      maxBytes: 6,
      sizeOf: (text) => text.length,
    });
    expect(await reader.next()).toEqual(['aaaa', 'bbbb']);
    expect(await reader.next()).toEqual(['cc', 'dddddddd']);
    expect(await reader.next()).toEqual(['e']);
  });

  it('returns what it has when stopped, and nothing once the stream ended', async () => {
    const stream = new PassThrough({ objectMode: true });
    const reader = new BatchReader<number>(stream, { maxMessages: 10, lingerMs: 60_000 });
    stream.write(1);
    const pending = reader.next();
    setImmediate(() => reader.stop());
    expect(await pending).toEqual([1]);
    expect(reader.done).toBe(true);
  });

  it("throws the stream's error", async () => {
    const stream = new PassThrough({ objectMode: true });
    const reader = new BatchReader<number>(stream, { maxMessages: 10, lingerMs: 10 });
    const pending = reader.next();
    stream.destroy(new Error('broker gone'));
    await expect(pending).rejects.toThrow('broker gone');
  });
});
