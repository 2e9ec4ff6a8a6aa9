import { describe, expect, it } from 'vitest';
import { partitionOf, replayPlan } from './replay-plan';

const entry = (stream: string, from: number, to: number) => ({ stream, from: String(from), to: String(to) });

describe('replayPlan', () => {
  it('merges touching and overlapping batches of a partition, keeps gaps apart, ignores other topics', () => {
    const plan = replayPlan(
      'fh',
      [
        entry('fh/1', 10, 19),
        entry('fh/0', 0, 99),
        entry('fh/0', 100, 199),
        entry('fh/0', 150, 160),
        entry('fh/0', 5000, 5001),
        entry('other/0', 0, 10),
        entry('fh-x/0', 0, 10),
      ],
      [entry('fh/0', 0, 7000), entry('fh/0', 7001, 7010), entry('fh/1', 0, 30), entry('other/0', 0, 99)],
    );
    expect(plan.ranges).toEqual([
      { partition: 0, from: 0n, to: 199n },
      { partition: 0, from: 5000n, to: 5001n },
      { partition: 1, from: 10n, to: 19n },
    ]);
    expect(plan.recordedEnd).toEqual({ 0: '7011', 1: '31' });
  });

  it('plans nothing when the load log has nothing for the period', () => {
    expect(replayPlan('fh', [], [])).toEqual({ topic: 'fh', ranges: [], recordedEnd: {} });
  });
});

describe('partitionOf', () => {
  it('reads the partition of a stream of the topic only', () => {
    expect(partitionOf('a.b', 'a.b/11')).toBe(11);
    expect(partitionOf('a.b', 'a.b/x')).toBeNull();
    expect(partitionOf('a.b', 'mysql/shard_0')).toBeNull();
  });
});
