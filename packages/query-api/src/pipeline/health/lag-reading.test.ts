import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lagReader } from './lag-reading';
import type { PipelineLag, PipelinePort } from '@sightline/schema/api-schemas';

const reading = (lag: number): PipelineLag => ({
  partitions: [{ partition: 0, committed: 0, end: lag, lag }],
  deadLetters: 0,
});

/** A port whose reads the test answers one by one. */
function slowPort() {
  const answers: ((lag: PipelineLag | Error) => void)[] = [];
  const port: PipelinePort = {
    firehoseTopic: 't',
    deadLetterTopic: 't.dlq',
    indexerGroup: 'g',
    lag: () =>
      new Promise((resolve, reject) =>
        answers.push((value) => (value instanceof Error ? reject(value) : resolve(value))),
      ),
  };
  return { port, answers };
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('reading the lag for the API', () => {
  it('stops waiting after 2 s, and hands the late answer to the next caller without asking again', async () => {
    let now = 0;
    const { port, answers } = slowPort();
    const read = lagReader(port, () => now);
    const first = read();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await first).toEqual({
      ok: false,
      reason: 'cannot read the lag from Kafka: no answer within 2 s',
    });
    now = 2_500;
    answers[0]!(reading(7));
    await vi.advanceTimersByTimeAsync(0);
    expect(await read()).toEqual({ ok: true, lag: reading(7) });
    expect(answers).toHaveLength(1);
  });

  it('lets a recent reading stand in while Kafka is slow, but not an old one', async () => {
    let now = 0;
    const { port, answers } = slowPort();
    const read = lagReader(port, () => now);
    const first = read();
    answers[0]!(reading(3));
    expect(await first).toEqual({ ok: true, lag: reading(3) });

    now = 10_000;
    const slow = read();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await slow).toEqual({ ok: true, lag: reading(3) });

    now = 20_000;
    const old = read();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await old).toMatchObject({ ok: false });
    // The read started at 10 s is still out: no second one was started behind it.
    expect(answers).toHaveLength(2);
  });

  it('reports a failure as it is, and tries again on the next call', async () => {
    const { port, answers } = slowPort();
    const read = lagReader(port, () => 0);
    const failed = read();
    answers[0]!(new Error('connect ECONNREFUSED 127.0.0.1:9092'));
    expect(await failed).toEqual({
      ok: false,
      reason: 'cannot read the lag from Kafka: connect ECONNREFUSED 127.0.0.1:9092',
    });
    const again = read();
    answers[1]!(reading(0));
    expect(await again).toEqual({ ok: true, lag: reading(0) });
  });
});
