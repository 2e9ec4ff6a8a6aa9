import { describe, expect, it } from 'vitest';
import { runShard, type CommittedBatch, type ShardRunOptions } from './batcher';
import { MemoryFirehose, MemoryShard } from './memory';

const noWait = () => Promise.resolve();

function setup(rows: number, stream = 'mysql/shard_0') {
  const shard = new MemoryShard(stream);
  for (let i = 1; i <= rows; i++) shard.add(`c${i % 3}`, JSON.stringify({ txid: `t${i}` }));
  return { shard, firehose: new MemoryFirehose() };
}

function run(shard: MemoryShard, firehose: MemoryFirehose, options: Partial<ShardRunOptions> = {}) {
  return runShard(
    shard.stream,
    () => shard.open(),
    () => Promise.resolve(firehose),
    {
      batch: 4,
      pollMs: 1,
      holdMs: 3000,
      once: true,
      sleep: noWait,
      ...options,
    },
  );
}

const positions = (firehose: MemoryFirehose) => firehose.published.map((r) => Number(r.position));

describe('runShard', () => {
  it('publishes every row past the cursor in id order, in batches, and stores the last id', async () => {
    const { shard, firehose } = setup(10);
    shard.cursor = 2n;
    const summary = await run(shard, firehose);
    expect(positions(firehose)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(firehose.calls).toBe(2);
    expect(shard.cursor).toBe(10n);
    expect(summary).toMatchObject({ rows: 8, batches: 2, cursor: 10n, ended: 'caught-up' });
  });

  it('publishes each record as written, keyed by customer, naming its shard and row', async () => {
    const { shard, firehose } = setup(1);
    await run(shard, firehose);
    expect(firehose.published).toEqual([
      { customer: 'c1', value: '{"txid":"t1"}', source: 'mysql/shard_0', position: '1' },
    ]);
  });

  it('moves the cursor only after the brokers acknowledged the batch', async () => {
    const { shard, firehose } = setup(3);
    let ack!: () => void;
    firehose.gate = new Promise((resolve) => (ack = resolve));
    const running = run(shard, firehose);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(firehose.calls).toBe(1);
    expect(shard.cursor).toBe(0n);
    ack();
    await running;
    expect(shard.cursor).toBe(3n);
  });

  it('publishes a failed batch again and keeps the cursor until it goes through', async () => {
    const { shard, firehose } = setup(6);
    firehose.failPublishes = 2;
    const errors: number[] = [];
    const summary = await run(shard, firehose, { onError: (_s, _e, failures) => errors.push(failures) });
    expect(errors).toEqual([1, 2]);
    expect(positions(firehose)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(summary.ended).toBe('caught-up');
  });

  it('reconnects to the shard after it went away and resumes from the stored cursor', async () => {
    const { shard, firehose } = setup(9);
    shard.failSaves = 1;
    shard.failReads = 1;
    await run(shard, firehose);
    // The batch whose cursor could not be stored is published again: at least once, nothing skipped.
    expect(new Set(positions(firehose))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(positions(firehose).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(shard.cursor).toBe(9n);
    expect(shard.opened).toBeGreaterThanOrEqual(3);
  });

  it('backs off exponentially up to the limit while a part stays down', async () => {
    const { shard, firehose } = setup(1);
    firehose.failPublishes = 6;
    const waits: number[] = [];
    await run(shard, firehose, {
      backoff: { initialMs: 100, maxMs: 1000 },
      onError: (_s, _e, _f, retryInMs) => waits.push(retryInMs),
    });
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('gives up after the allowed failures, with the cursor where the last commit left it', async () => {
    const { shard, firehose } = setup(8);
    firehose.failPublishes = 1_000;
    const summary = await run(shard, firehose, { maxFailures: 3 });
    expect(summary).toMatchObject({ ended: 'failed', rows: 0 });
    expect(shard.cursor).toBe(0n);
  });

  it('waits at a gap that may still fill, then publishes the late row in order', async () => {
    const { shard, firehose } = setup(0);
    shard.add('c', '{"n":1}', 1n, 10);
    shard.add('c', '{"n":3}', 3n, 10);
    let polls = 0;
    const summary = await run(shard, firehose, {
      sleep: () => {
        polls += 1;
        // The transaction holding id 2 commits while the batcher waits.
        if (polls === 2) shard.add('c', '{"n":2}', 2n, 10);
        return Promise.resolve();
      },
    });
    expect(positions(firehose)).toEqual([1, 2, 3]);
    expect(summary.ended).toBe('caught-up');
  });

  it('goes past a gap that never fills once the row after it is old enough', async () => {
    const { shard, firehose } = setup(0);
    shard.add('c', '{}', 1n, 10);
    shard.add('c', '{}', 3n, 10);
    await run(shard, firehose, {
      sleep: () => {
        for (const row of shard.rows) row.ageMs += 1000;
        return Promise.resolve();
      },
    });
    expect(positions(firehose)).toEqual([1, 3]);
    expect(shard.cursor).toBe(3n);
  });

  it('records one committed batch per publish, with its id range', async () => {
    const { shard, firehose } = setup(6);
    const committed: CommittedBatch[] = [];
    await run(shard, firehose, { onCommit: (b) => void committed.push(b) });
    expect(committed.map(({ stream, from, to, rows }) => ({ stream, from, to, rows }))).toEqual([
      { stream: 'mysql/shard_0', from: 1n, to: 4n, rows: 4 },
      { stream: 'mysql/shard_0', from: 5n, to: 6n, rows: 2 },
    ]);
  });

  it('keeps the batch committed when recording it fails', async () => {
    const { shard, firehose } = setup(2);
    const summary = await run(shard, firehose, { onCommit: () => Promise.reject(new Error('no ES')) });
    expect(firehose.calls).toBe(1);
    expect(summary).toMatchObject({ rows: 2, cursor: 2n, ended: 'caught-up' });
  });

  it('stops when asked, finishing the batch in flight', async () => {
    const { shard, firehose } = setup(3);
    const stop = new AbortController();
    let ack!: () => void;
    firehose.gate = new Promise((resolve) => (ack = resolve));
    const running = run(shard, firehose, { once: false, signal: stop.signal, sleep: undefined });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    ack();
    expect(await running).toMatchObject({ ended: 'stopped', rows: 3, cursor: 3n });
    expect(shard.cursor).toBe(3n);
  });

  it('abandons a publish that does not finish within the grace, leaving the cursor', async () => {
    const { shard, firehose } = setup(3);
    const stop = new AbortController();
    firehose.gate = new Promise(() => {});
    const running = run(shard, firehose, { once: false, signal: stop.signal, stopGraceMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    expect(await running).toMatchObject({ ended: 'stopped', rows: 0, cursor: 0n });
    expect(shard.cursor).toBe(0n);
  });

  it('keeps polling while running until stopped', async () => {
    const { shard, firehose } = setup(2);
    const stop = new AbortController();
    let polls = 0;
    const summary = await run(shard, firehose, {
      once: false,
      signal: stop.signal,
      sleep: () => {
        polls += 1;
        if (polls === 1) shard.add('c', '{}');
        if (polls === 3) stop.abort();
        return Promise.resolve();
      },
    });
    expect(positions(firehose)).toEqual([1, 2, 3]);
    expect(summary.ended).toBe('stopped');
  });
});
