import { describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrame, FrameError, type Frame } from './frame';

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function decodeAll(bytes: Buffer, size: number): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const f of decodeFrames(chunked(bytes, size))) frames.push(f);
  return frames;
}

const frames: Frame[] = [
  {
    position: '7',
    key: 'acme',
    at: '2026-12-05T10:00:00.000Z',
    headers: { 'sightline-source': 'produce/a.ndjson' },
    value: Buffer.from('{"txid":"a","new_field":{"x":1}}'),
  },
  // Tabs, newlines and bytes that are not UTF-8 survive as they were.
  { position: '8', at: '2026-12-05T10:00:01.000Z', value: Buffer.from([0x7b, 0x09, 0x0a, 0xff, 0xfe, 0x7d]) },
  { position: '9', key: 'acme', at: '2026-12-05T10:00:02.000Z', value: Buffer.alloc(0) },
];

describe('archive frames', () => {
  it('give back every record byte for byte, however the stream is cut', async () => {
    const bytes = Buffer.concat(frames.map(encodeFrame));
    for (const size of [1, 3, 17, bytes.length]) {
      const decoded = await decodeAll(bytes, size);
      expect(decoded.map((f) => f.position)).toEqual(['7', '8', '9']);
      decoded.forEach((f, i) => expect(f).toEqual(frames[i]));
    }
  });

  it('shows the raw line after the header on one line when the record holds no newline', () => {
    const line = encodeFrame(frames[0]!).toString('utf8');
    expect(line.split('\t')[1]).toBe('{"txid":"a","new_field":{"x":1}}\n');
  });

  it('refuses a segment cut in the middle of a record', async () => {
    const bytes = encodeFrame(frames[0]!);
    await expect(decodeAll(bytes.subarray(0, bytes.length - 4), 5)).rejects.toThrow(FrameError);
    await expect(decodeAll(bytes.subarray(0, bytes.length - 4), 5)).rejects.toThrow(
      'ends in the middle of a record',
    );
  });

  it('refuses a record whose length does not match its header', async () => {
    const bytes = Buffer.from('{"position":"1","at":"x","bytes":2}\tabc\n');
    await expect(decodeAll(bytes, 100)).rejects.toThrow('does not end where its header says');
  });
});
