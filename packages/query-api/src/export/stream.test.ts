import { describe, expect, it } from 'vitest';
import { FRAME_ROWS, parseFrame } from './frames';
import { ndjsonTrailer } from './ndjson';
import { recordSource } from './records';
import { createExportStream, type BodyEncoder, type ExportOutcome } from './stream';
import type { PitWalk, WalkPage } from './walk';

/** A walk over scripted pages that records what was asked of it. */
function scriptedWalk(pages: (WalkPage | Error)[]) {
  const state = { pulls: 0, closed: 0 };
  const walk: PitWalk = {
    async next() {
      const page = pages[state.pulls++];
      if (page instanceof Error) throw page;
      return page ?? null;
    },
    async close() {
      state.closed++;
    },
  };
  return { walk, state };
}

const page = (from: number, count: number): WalkPage => ({
  records: Array.from({ length: count }, (_, i) => ({ n: from + i })),
  sortAt: (i) => [1000 + from + i, `tx-${from + i}`],
});

const lines: BodyEncoder = {
  head: 'HEAD\n',
  rows: (records, from = 0, to = records.length) => {
    const source = recordSource(records);
    let out = '';
    for (let i = from; i < to; i++) out += JSON.stringify(source.value(i)) + '\n';
    return out;
  },
};
/** The same lines, as bytes (the NDJSON encoder's form). */
const byteLines: BodyEncoder = { head: 'HEAD\n', rows: (...args) => Buffer.from(lines.rows(...args)) };
const withTrailer: BodyEncoder = {
  head: '',
  rows: lines.rows,
  trailer: ({ rows, error }) =>
    ndjsonTrailer(error === undefined ? { complete: true, rows } : { complete: false, rows, error }),
};

async function drain(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('export stream', () => {
  it('asks for a page only when the reader pulls', async () => {
    const { walk, state } = scriptedWalk([page(0, 2), page(2, 2)]);
    const stream = createExportStream({ walk, encoder: lines, onEnd: () => {} });
    await Promise.resolve();
    expect(state.pulls).toBe(0);
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('HEAD\n');
    expect(state.pulls).toBe(0);
    await reader.read();
    expect(state.pulls).toBe(1);
    await reader.read();
    expect(state.pulls).toBe(2);
    reader.releaseLock();
  });

  it('writes the head once, every row, and reports completion', async () => {
    const { walk, state } = scriptedWalk([page(0, 2), page(2, 1)]);
    const ends: ExportOutcome[] = [];
    const text = await drain(createExportStream({ walk, encoder: lines, onEnd: (o) => ends.push(o) }));
    expect(text).toBe('HEAD\n{"n":0}\n{"n":1}\n{"n":2}\n');
    expect(ends).toEqual([{ outcome: 'complete', rows: 3, bytes: Buffer.byteLength(text) }]);
    expect(state.closed).toBe(1);
  });

  it('writes encoders’ bytes as they are, after the head', async () => {
    const { walk } = scriptedWalk([page(0, 2), page(2, 1)]);
    const plain = await drain(createExportStream({ walk, encoder: byteLines, onEnd: () => {} }));
    expect(plain).toBe('HEAD\n{"n":0}\n{"n":1}\n{"n":2}\n');
    const framed = await drain(
      createExportStream({
        walk: scriptedWalk([page(0, 2)]).walk,
        encoder: byteLines,
        frames: { cursor: () => 'x' },
        onEnd: () => {},
      }),
    );
    expect(parseFrame(framed.split('\n')[0]!)).toEqual({
      data: 'HEAD\n{"n":0}\n{"n":1}\n',
      after: 'x',
      rows: 2,
    });
  });

  it('hands each page back once it is encoded', async () => {
    const released: number[] = [];
    const pages = [page(0, 2), page(2, 1)].map((p, i) => ({ ...p, release: () => released.push(i) }));
    await drain(createExportStream({ walk: scriptedWalk(pages).walk, encoder: lines, onEnd: () => {} }));
    expect(released).toEqual([0, 1]);
  });

  it('ends NDJSON with a completion trailer that counts earlier rows of a resumed export', async () => {
    const { walk } = scriptedWalk([page(0, 2)]);
    const text = await drain(
      createExportStream({ walk, encoder: withTrailer, rowsBefore: 10, onEnd: () => {} }),
    );
    expect(text.trim().split('\n').pop()).toBe('{"_sightline":{"complete":true,"rows":12}}');
  });

  it('ends a failing NDJSON export with an error trailer', async () => {
    const { walk, state } = scriptedWalk([page(0, 2), new Error('shard failure')]);
    const ends: ExportOutcome[] = [];
    const text = await drain(createExportStream({ walk, encoder: withTrailer, onEnd: (o) => ends.push(o) }));
    expect(text.trim().split('\n').pop()).toBe(
      '{"_sightline":{"complete":false,"rows":2,"error":"shard failure"}}',
    );
    expect(ends[0]).toMatchObject({ outcome: 'failed', rows: 2, error: 'shard failure' });
    expect(state.closed).toBe(1);
  });

  it('errors a failing CSV stream so the connection is cut, never ended cleanly', async () => {
    const { walk, state } = scriptedWalk([page(0, 2), new Error('shard failure')]);
    const ends: ExportOutcome[] = [];
    const stream = createExportStream({ walk, encoder: lines, onEnd: (o) => ends.push(o) });
    await expect(drain(stream)).rejects.toThrow('shard failure');
    expect(ends[0]).toMatchObject({ outcome: 'failed', rows: 2 });
    expect(state.closed).toBe(1);
  });

  it('closes the walk and reports an abort when the reader cancels', async () => {
    const { walk, state } = scriptedWalk([page(0, 2), page(2, 2), page(4, 2)]);
    const ends: ExportOutcome[] = [];
    const stream = createExportStream({ walk, encoder: lines, onEnd: (o) => ends.push(o) });
    const reader = stream.getReader();
    await reader.read(); // the head
    await reader.read();
    await reader.cancel('client went away');
    expect(state.closed).toBe(1);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ outcome: 'aborted', rows: 2, error: 'client went away' });
  });

  it('frames slices of the file with a resume cursor after each', async () => {
    const { walk } = scriptedWalk([page(0, FRAME_ROWS + 3)]);
    const text = await drain(
      createExportStream({
        walk,
        encoder: withTrailer,
        frames: { cursor: (sort, rows) => JSON.stringify([sort, rows]) },
        onEnd: () => {},
      }),
    );
    const frames = text.trim().split('\n').map(parseFrame);
    expect(frames).toHaveLength(3);
    const [first, second, last] = frames;
    expect(first).toMatchObject({ rows: FRAME_ROWS });
    expect(second).toMatchObject({ rows: FRAME_ROWS + 3 });
    if (!second || !('after' in second)) throw new Error('expected a data frame');
    expect(JSON.parse(second.after)).toEqual([
      [1000 + FRAME_ROWS + 2, `tx-${FRAME_ROWS + 2}`],
      FRAME_ROWS + 3,
    ]);
    expect(last).toEqual({
      data: ndjsonTrailer({ complete: true, rows: FRAME_ROWS + 3 }),
      end: 'complete',
      rows: FRAME_ROWS + 3,
    });
    const file = frames.map((f) => ('data' in f ? f.data : '')).join('');
    expect(file.split('\n')).toHaveLength(FRAME_ROWS + 3 + 2);
  });

  it('reports a failure as a frame so the CLI can resume', async () => {
    const { walk } = scriptedWalk([page(0, 1), new Error('timeout')]);
    const text = await drain(
      createExportStream({ walk, encoder: lines, frames: { cursor: () => 'x' }, onEnd: () => {} }),
    );
    expect(parseFrame(text.trim().split('\n').pop()!)).toEqual({ end: 'failed', error: 'timeout', rows: 1 });
  });
});

describe('export stream and the request signal', () => {
  it('ends as aborted when the client goes away, and errors instead of hanging a late reader', async () => {
    const { walk, state } = scriptedWalk([page(0, 2), page(2, 2)]);
    const ends: ExportOutcome[] = [];
    const controller = new AbortController();
    const stream = createExportStream({
      walk,
      encoder: lines,
      signal: controller.signal,
      onEnd: (o) => ends.push(o),
    });
    const reader = stream.getReader();
    await reader.read(); // the head
    await reader.read();
    controller.abort('socket closed');
    expect(state.closed).toBe(1);
    expect(ends).toEqual([{ outcome: 'aborted', rows: 2, bytes: 21, error: 'socket closed' }]);
    await expect(reader.read()).rejects.toThrow('export aborted');
  });
});
