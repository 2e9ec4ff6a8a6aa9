import { describe, expect, it } from 'vitest';
import { backoff, BulkIndexer, type BulkItem, type BulkResponse } from './bulk';

const item = (id: number): BulkItem => ({
  payload: `{"index":{"_id":"${id}"}}\n{"n":${id}}\n`,
  line: id,
  raw: `{"n":${id}}`,
  flagged: id % 2 === 0,
});
const ids = (body: string) => [...body.matchAll(/"_id":"(\d+)"/g)].map((m) => Number(m[1]));
const ok = (body: string): BulkResponse => ({
  status: 200,
  body: { errors: false, items: ids(body).map(() => ({ index: { status: 201 } })) },
});

/** A transport answering from a script of responses, recording what was sent. */
function scripted(...answers: ((body: string) => BulkResponse | Error)[]) {
  const sent: number[][] = [];
  return {
    sent,
    transport: {
      async bulk(body: string): Promise<BulkResponse> {
        sent.push(ids(body));
        const answer = (answers.shift() ?? ok)(body);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
}
const noSleep = async () => undefined;

async function indexAll(indexer: BulkIndexer, n: number) {
  for (let i = 1; i <= n; i++) await indexer.add(item(i));
  await indexer.close();
}

describe('BulkIndexer', () => {
  it('batches by document count and indexes everything', async () => {
    const { sent, transport } = scripted();
    const indexer = new BulkIndexer({ transport, maxDocs: 3, sleep: noSleep });
    await indexAll(indexer, 7);
    expect(sent).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(indexer.indexed).toBe(7);
  });

  it('counts documents whose id was already stored as duplicates and reports each stored item', async () => {
    const { transport } = scripted((body) => ({
      status: 200,
      body: {
        errors: false,
        items: ids(body).map((id) => ({
          index: { status: id === 2 ? 200 : 201, result: id === 2 ? 'updated' : 'created' },
        })),
      },
    }));
    const stored: [number, string | undefined][] = [];
    const indexer = new BulkIndexer({
      transport,
      sleep: noSleep,
      onItemIndexed: (it, result) => stored.push([it.line, result.result]),
    });
    await indexAll(indexer, 3);
    expect(indexer.indexed).toBe(3);
    expect(indexer.duplicates).toBe(1);
    expect(stored).toEqual([
      [1, 'created'],
      [2, 'updated'],
      [3, 'created'],
    ]);
  });

  it('hands documents a create found stored to onExisting and counts its verdicts', async () => {
    const exists = (id: number) => ({
      create: {
        status: 409,
        error: { type: 'version_conflict_engine_exception', reason: 'already exists', index: `month-${id}` },
      },
    });
    const { transport } = scripted((body) => ({
      status: 200,
      body: {
        errors: true,
        items: ids(body).map((id) =>
          id === 1 ? { create: { status: 201, result: 'created' } } : exists(id),
        ),
      },
    }));
    const judged: [number, string][] = [];
    const stored: [number, string | undefined][] = [];
    const indexer = new BulkIndexer({
      transport,
      sleep: noSleep,
      onExisting: async (existing) => {
        judged.push(...existing.map((e): [number, string] => [e.item.line, e.index]));
        return existing.map((e) => (e.item.line === 3 ? 'conflict' : 'duplicate'));
      },
      onItemIndexed: (it, result) => stored.push([it.line, result.result]),
      onRejected: () => {
        throw new Error('a document found stored is no reject');
      },
    });
    await indexAll(indexer, 3);
    expect(judged).toEqual([
      [2, 'month-2'],
      [3, 'month-3'],
    ]);
    expect([indexer.indexed, indexer.duplicates, indexer.conflicts]).toEqual([3, 1, 1]);
    expect(stored).toEqual([
      [1, 'created'],
      [2, 'duplicate'],
      [3, 'conflict'],
    ]);
  });

  it('sends documents again when their stored copies could not be read', async () => {
    const exists = {
      create: { status: 409, error: { type: 'version_conflict_engine_exception', index: 'm' } },
    };
    const { sent, transport } = scripted(
      () => ({ status: 200, body: { errors: true, items: [exists] } }),
      () => ({ status: 200, body: { errors: true, items: [exists] } }),
    );
    let calls = 0;
    const indexer = new BulkIndexer({
      transport,
      sleep: noSleep,
      onExisting: async (existing) => {
        calls += 1;
        if (calls === 1) throw new Error('mget timed out');
        return existing.map(() => 'duplicate');
      },
    });
    await indexAll(indexer, 1);
    expect(sent).toEqual([[1], [1]]);
    expect([indexer.duplicates, indexer.retries]).toEqual([1, 1]);
  });

  it('batches by size too', async () => {
    const { sent, transport } = scripted();
    const indexer = new BulkIndexer({
      transport,
      maxDocs: 100,
      maxBytes: item(1).payload.length * 2,
      sleep: noSleep,
    });
    await indexAll(indexer, 4);
    expect(sent).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('retries a whole request on 429, 5xx and network errors, with growing delays', async () => {
    const delays: number[] = [];
    const { sent, transport } = scripted(
      () => ({ status: 429 }),
      () => ({ status: 503 }),
      () => new Error('socket hang up'),
    );
    const indexer = new BulkIndexer({
      transport,
      maxDocs: 10,
      baseDelayMs: 100,
      sleep: async (ms) => void delays.push(ms),
    });
    await indexAll(indexer, 2);
    expect(sent).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(indexer.indexed).toBe(2);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[2]).toBeGreaterThanOrEqual(200);
  });

  it('retries only the items Elasticsearch pushed back, and rejects the ones it refused', async () => {
    const rejected: [number, string][] = [];
    const { sent, transport } = scripted(() => ({
      status: 200,
      body: {
        errors: true,
        items: [
          { index: { status: 201 } },
          {
            index: { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } },
          },
          {
            index: {
              status: 400,
              error: {
                type: 'document_parsing_exception',
                reason: 'failed to parse field [seq]',
                caused_by: { reason: 'not a long' },
              },
            },
          },
          { index: { status: 429 } },
        ],
      },
    }));
    const indexer = new BulkIndexer({
      transport,
      maxDocs: 10,
      sleep: noSleep,
      onRejected: (it, reason) => void rejected.push([it.line, reason]),
    });
    await indexAll(indexer, 4);
    expect(sent).toEqual([
      [1, 2, 3, 4],
      [2, 4],
    ]);
    expect(indexer.indexed).toBe(3);
    expect(rejected).toEqual([[3, 'document_parsing_exception: failed to parse field [seq]: not a long']]);
  });

  const blockedBy = (body: string): BulkResponse => ({
    status: 200,
    body: {
      errors: true,
      items: ids(body).map((id) =>
        id === 1
          ? { index: { status: 201 } }
          : {
              index: {
                status: 403,
                error: {
                  type: 'cluster_block_exception',
                  reason: 'index [logs-1998.05] blocked by: [FORBIDDEN/8/index write (api)];',
                },
              },
            },
      ),
    },
  });

  it('stops on an index that refuses writes, naming the block, and rejects none of its records', async () => {
    const rejected: number[] = [];
    const { sent, transport } = scripted(blockedBy);
    const indexer = new BulkIndexer({
      transport,
      maxDocs: 10,
      sleep: noSleep,
      onRejected: (it) => void rejected.push(it.line),
    });
    await expect(indexAll(indexer, 3)).rejects.toThrow(
      /refuses writes: cluster_block_exception: index \[logs-1998\.05\] blocked by: \[FORBIDDEN\/8\/index write \(api\)\];.*run the same ingest again/,
    );
    expect(sent).toEqual([[1, 2, 3]]);
    expect(indexer.indexed).toBe(1);
    expect(rejected).toEqual([]);
  });

  it('waits out an index block when asked to, and stores the records once it lifts', async () => {
    const { sent, transport } = scripted(blockedBy, blockedBy);
    const indexer = new BulkIndexer({ transport, maxDocs: 10, sleep: noSleep, onBlocked: 'retry' });
    await indexAll(indexer, 3);
    expect(sent).toEqual([
      [1, 2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(indexer.indexed).toBe(3);
  });

  it('gives up after the last attempt with the reason', async () => {
    const { transport } = scripted(...Array.from({ length: 5 }, () => () => ({ status: 502 })));
    const indexer = new BulkIndexer({ transport, maxDocs: 10, maxAttempts: 3, sleep: noSleep });
    await expect(indexAll(indexer, 1)).rejects.toThrow(
      /giving up after 3 attempts: bulk request answered 502/,
    );
  });

  it('fails at once on a request Elasticsearch refuses outright (400)', async () => {
    const { sent, transport } = scripted(() => ({ status: 400 }));
    const indexer = new BulkIndexer({ transport, maxDocs: 10, sleep: noSleep });
    await expect(indexAll(indexer, 1)).rejects.toThrow(/status 400/);
    expect(sent).toHaveLength(1);
  });

  it('keeps at most `concurrency` requests in flight and makes the producer wait', async () => {
    let inFlight = 0;
    let peak = 0;
    const transport = {
      async bulk(body: string): Promise<BulkResponse> {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return ok(body);
      },
    };
    const indexer = new BulkIndexer({ transport, maxDocs: 2, concurrency: 3, sleep: noSleep });
    await indexAll(indexer, 40);
    expect(peak).toBe(3);
    expect(indexer.indexed).toBe(40);
  });

  it('backs off exponentially up to a cap', () => {
    expect(backoff(0, 100, 1000, 1)).toBe(100);
    expect(backoff(3, 100, 1000, 1)).toBe(800);
    expect(backoff(10, 100, 1000, 1)).toBe(1000);
    expect(backoff(3, 100, 1000, 0)).toBe(400);
  });
});
