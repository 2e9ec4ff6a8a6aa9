import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines, readSource, type SourceItem } from './source';

const stream = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries, strips CR, keeps a last line without newline', async () => {
    expect(await all(readLines(stream('a\r\nb', 'c\n\nd', 'é\n', 'last')))).toEqual([
      'a',
      'bc',
      '',
      'dé',
      'last',
    ]);
  });

  it('does not split a multi-byte character cut by a chunk boundary', async () => {
    const bytes = Buffer.from('ü\n');
    const s = Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]);
    expect(await all(readLines(s))).toEqual(['ü']);
  });
});

describe('readSource', () => {
  it('numbers NDJSON lines by their position, skipping blank lines', async () => {
    const items = await all(readSource(stream('{"a":1}\n\n{"a":2}\nnot json\n')));
    expect(items).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"a":2}' },
      { line: 4, text: 'not json' },
    ]);
  });

  it('expands a saved API response, pretty-printed or on one line', async () => {
    const doc = {
      response: { authlogs: [{ txid: 'a' }, { txid: 'b' }], metadata: { next_offset: null } },
      stat: 'OK',
    };
    const pretty = await all(readSource(stream(JSON.stringify(doc, null, 2))));
    expect(pretty).toEqual<SourceItem[]>([
      { line: 1, value: { txid: 'a' } },
      { line: 2, value: { txid: 'b' } },
    ]);
    const compact = await all(readSource(stream(`${JSON.stringify({ authlogs: [{ txid: 'c' }] })}\n`)));
    expect(compact).toEqual([{ line: 1, value: { txid: 'c' } }]);
  });

  it('falls back to lines when a file starting like a document is not one', async () => {
    const items = await all(readSource(stream('{\n"txid": 1\n')));
    expect(items).toEqual([
      { line: 1, text: '{' },
      { line: 2, text: '"txid": 1' },
    ]);
  });
});
