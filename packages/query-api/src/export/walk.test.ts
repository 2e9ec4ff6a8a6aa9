import { Readable } from 'node:stream';
import type { Client } from '@elastic/elasticsearch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordSource } from './records';
import { openPitWalk, type WalkPage } from './walk';

interface Doc {
  ts: number;
  shardDoc: number;
  record: { txid: string; ts: number; note: string };
}

type SortAfter = [number, number] | undefined;

/**
 * A point in time over `docs` that answers the walk's searches (time descending, then `_shard_doc`)
 * with JSON bodies cut into uneven chunks, as a socket would deliver them.
 */
function fakeEs(docs: Doc[], chunk: number, { loseAt = 0, shardsOnReopen = 2 } = {}) {
  const ordered = [...docs].sort((a, b) => b.ts - a.ts || a.shardDoc - b.shardDoc);
  // `loseAt`: from that search on, the points in time opened so far are gone, as when a node holding
  // part of them dies; a point in time opened afterwards works, over `shardsOnReopen` of the first's 2
  // shards (fewer when an index it read was deleted).
  const state = { searches: 0, open: 0, opened: 0, lostUpTo: 0 };
  const client = {
    async openPointInTime() {
      state.open++;
      state.opened++;
      const total = state.opened === 1 ? 2 : shardsOnReopen;
      return { id: `pit-${state.opened}-0`, _shards: { total, successful: total, skipped: 0, failed: 0 } };
    },
    async closePointInTime() {
      state.open--;
      return {};
    },
    transport: {
      async request(params: { body: { size: number; search_after?: SortAfter; pit: { id: string } } }) {
        state.searches++;
        if (state.searches === loseAt) state.lostUpTo = state.opened;
        const generation = Number(params.body.pit.id.split('-')[1]);
        if (generation <= state.lostUpTo) {
          const body = JSON.stringify({
            error: { type: 'search_context_missing_nodes_exception', reason: 'nodes left the cluster' },
            status: 404,
          });
          return {
            statusCode: 404,
            headers: {},
            body: Readable.from([Buffer.from(body)]),
            meta: {},
            warnings: null,
          };
        }
        const after = params.body.search_after;
        const from = after
          ? ordered.findIndex((d) => d.ts < after[0] || (d.ts === after[0] && d.shardDoc > after[1]))
          : 0;
        const page = from === -1 ? [] : ordered.slice(from, from + params.body.size);
        const body = Buffer.from(
          JSON.stringify({
            pit_id: `pit-${generation}-${state.searches}`,
            _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
            hits: {
              hits: page.map((d) => ({
                _id: d.record.txid,
                _score: null,
                _source: d.record,
                sort: [d.ts, d.shardDoc],
              })),
            },
          }),
        );
        const chunks: Buffer[] = [];
        for (let i = 0; i < body.length; i += chunk) chunks.push(body.subarray(i, i + chunk));
        return { statusCode: 200, headers: {}, body: Readable.from(chunks), meta: {}, warnings: null };
      },
    },
  };
  return { es: client as unknown as Client, state };
}

/** What a reader does with each page: read every record at once, then (maybe) hand the page back. */
/** `n` records, newest first, one per timestamp. */
function descending(n: number): Doc[] {
  return Array.from({ length: n }, (_, i): Doc => ({
    ts: 100 - i,
    shardDoc: i,
    record: { txid: `t${i}`, ts: 100 - i, note: '' },
  }));
}

/** A walk over `es` in the log's default order: time descending, then txid. */
function walkLogs(es: Client, pageSize: number) {
  return openPitWalk({
    es,
    index: 'logs',
    query: { match_all: {} },
    sort: [{ ts: { order: 'desc' } }, { txid: { order: 'asc' } }],
    source: true,
    pageSize,
  });
}

async function readAll(walk: { next(): Promise<WalkPage | null> }, release: boolean) {
  const out: { txid: string; sort: unknown[] }[] = [];
  for (let page = await walk.next(); page; page = await walk.next()) {
    const records = recordSource(page.records);
    for (let i = 0; i < records.length; i++) {
      out.push({ txid: (records.value(i) as Doc['record']).txid, sort: page.sortAt(i) });
    }
    if (release) page.release?.();
  }
  return out;
}

const docsArbitrary = fc
  .uniqueArray(
    fc.tuple(
      fc.integer({ min: 0, max: 6 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4, maxLength: 8 }),
    ),
    {
      selector: ([, txid]) => txid,
      maxLength: 40,
    },
  )
  .map((rows) =>
    rows.map(([ts, txid], shardDoc): Doc => ({ ts, shardDoc, record: { txid, ts, note: `"${txid}"\n` } })),
  );

describe('a point-in-time walk', () => {
  it('gives every record once in time-then-txid order, whatever the page size, with pages read into reused buffers', async () => {
    await fc.assert(
      fc.asyncProperty(
        docsArbitrary,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        async (docs, pageSize, chunk, release) => {
          const { es, state } = fakeEs(docs, chunk);
          const walk = await walkLogs(es, pageSize);
          const rows = await readAll(walk, release);
          await walk.close();
          const expected = [...docs]
            .sort((a, b) => b.ts - a.ts || (a.record.txid < b.record.txid ? -1 : 1))
            .map((d) => ({ txid: d.record.txid, sort: [d.ts, d.record.txid] }));
          expect(rows).toEqual(expected);
          expect(state.open).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fetches the next page while the reader holds the current one, and no further', async () => {
    const docs = descending(12);
    const { es, state } = fakeEs(docs, 64);
    const walk = await walkLogs(es, 4);
    expect(state.searches).toBe(0);
    await walk.next();
    expect(state.searches).toBe(2);
    await walk.next();
    expect(state.searches).toBe(3);
    await walk.close();
    expect(await walk.next()).toBeNull();
  });

  it('continues on a new point in time when the one it walks is lost, every record once', async () => {
    await fc.assert(
      fc.asyncProperty(
        docsArbitrary,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        async (docs, pageSize, loseAt) => {
          const { es, state } = fakeEs(docs, 50, { loseAt });
          const walk = await walkLogs(es, pageSize);
          const rows = await readAll(walk, true);
          await walk.close();
          const expected = [...docs]
            .sort((a, b) => b.ts - a.ts || (a.record.txid < b.record.txid ? -1 : 1))
            .map((d) => d.record.txid);
          expect(rows.map((r) => r.txid)).toEqual(expected);
          expect(state.opened).toBe(state.searches >= loseAt ? 2 : 1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fails, rather than ending early, when the point in time opened again holds fewer shards', async () => {
    const docs = descending(6);
    const { es, state } = fakeEs(docs, 64, { loseAt: 2, shardsOnReopen: 1 });
    const walk = await walkLogs(es, 2);
    await expect(readAll(walk, true)).rejects.toThrow(
      'logs now holds 1 of the 2 shards this export started on',
    );
    // The point in time opened and refused is closed, not left to expire.
    await walk.close();
    expect(state.open).toBe(0);
  });

  it('fails a page when the point in time is lost again right after reopening', async () => {
    const docs = descending(6);
    const { es } = fakeEs(docs, 64, { loseAt: 1 });
    const lostAgain = {
      ...es,
      openPointInTime: async () => ({ id: 'pit-0-0' }),
    } as unknown as Client;
    const walk = await walkLogs(lostAgain, 2);
    await expect(walk.next()).rejects.toThrow(/search_context_missing_nodes_exception|nodes left/);
    await walk.close();
  });
});
