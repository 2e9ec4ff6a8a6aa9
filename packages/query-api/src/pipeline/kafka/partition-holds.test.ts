import type { GroupAssignment } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import type { PauseStore } from '../pauses';
import { PauseWatch, type PauseEvent } from '../pauses';
import { PartitionHolds, pausedPartitions, withoutHeld } from './partition-holds';

const TOPIC = 'sightline.authlog';
const assigned: GroupAssignment[] = [
  { topic: TOPIC, partitions: [4, 0, 2] },
  { topic: 'other', partitions: [0] },
];

function pause(source: string): PauseEvent {
  return {
    '@timestamp': '2026-12-06T00:00:00Z',
    source,
    action: 'pause',
    reason: 'why',
    by: 'quality-watch',
  };
}

/** A watch over a store whose answer the test sets; it reads again at every refresh (ttl 0). */
function watchOf(paused: { current: PauseEvent[] }) {
  const store = { paused: async () => paused.current } as unknown as PauseStore;
  return new PauseWatch(store, 0);
}

describe('holding paused firehose partitions', () => {
  it('finds the paused partitions of the topic only', () => {
    const paused = new Set([`${TOPIC}/2`, 'other/0', `${TOPIC}/9`]);
    expect(pausedPartitions(assigned, TOPIC, (s) => paused.has(s))).toEqual([2]);
  });

  it('takes held partitions out of the assignment and leaves other topics as they are', () => {
    expect(withoutHeld(assigned, TOPIC, new Set([0, 4]))).toEqual([
      { topic: TOPIC, partitions: [2] },
      { topic: 'other', partitions: [0] },
    ]);
  });

  it('holds a partition paused before the join, and one paused after it at the next check', async () => {
    const paused = { current: [pause(`${TOPIC}/2`)] };
    const watch = watchOf(paused);
    await watch.refresh();
    const consumer = { assignments: assigned as GroupAssignment[] | null };
    const lines: string[] = [];
    const holds = new PartitionHolds({ topic: TOPIC, watch, consumer, log: (l) => lines.push(l) });

    holds.joined(assigned);
    expect(holds.holding).toEqual([2]);
    expect(consumer.assignments).toEqual([
      { topic: TOPIC, partitions: [4, 0] },
      { topic: 'other', partitions: [0] },
    ]);
    expect(lines).toEqual([
      `consume: holding ${TOPIC}/2, paused by quality-watch (why); its records wait in Kafka until it is resumed`,
    ]);

    paused.current = [pause(`${TOPIC}/2`), pause(`${TOPIC}/4`)];
    expect(await holds.check()).toBe(false);
    expect(holds.holding).toEqual([2, 4]);
    expect(consumer.assignments?.[0]).toEqual({ topic: TOPIC, partitions: [0] });
  });

  it('asks for a new membership when a held partition is resumed, and not before', async () => {
    const paused = { current: [pause(`${TOPIC}/0`)] };
    const watch = watchOf(paused);
    await watch.refresh();
    const consumer = { assignments: assigned as GroupAssignment[] | null };
    const holds = new PartitionHolds({ topic: TOPIC, watch, consumer, log: () => undefined });
    holds.joined(assigned);
    expect(await holds.check()).toBe(false);
    paused.current = [];
    expect(await holds.check()).toBe(true);
  });

  it('sets aside what a fetch already waiting brought of a held partition, and asks to start again when a join releases one', async () => {
    const paused = { current: [pause(`${TOPIC}/2`)] };
    const watch = watchOf(paused);
    await watch.refresh();
    const consumer = { assignments: assigned as GroupAssignment[] | null };
    const holds = new PartitionHolds({ topic: TOPIC, watch, consumer, log: () => undefined });
    expect(holds.joined(assigned)).toBe(false);
    const fetched = [
      { topic: TOPIC, partition: 2 },
      { topic: TOPIC, partition: 0 },
      { topic: 'other', partition: 2 },
    ];
    expect(holds.release(fetched)).toEqual([fetched[1], fetched[2]]);
    paused.current = [];
    await watch.refresh();
    expect(holds.joined(assigned)).toBe(true);
    expect(holds.release(fetched)).toEqual(fetched);
  });

  it('leaves the assignment untouched when nothing is paused', () => {
    const consumer = { assignments: assigned as GroupAssignment[] | null };
    const holds = new PartitionHolds({
      topic: TOPIC,
      watch: watchOf({ current: [] }),
      consumer,
      log: () => undefined,
    });
    holds.joined(assigned);
    expect(consumer.assignments).toBe(assigned);
    expect(holds.holding).toEqual([]);
  });

  it('keeps holding when Elasticsearch cannot say: a pause is not lifted by an outage', async () => {
    let fail = false;
    const store = {
      paused: async () => {
        if (fail) throw new Error('connection refused');
        return [pause(`${TOPIC}/0`)];
      },
    } as unknown as PauseStore;
    const watch = new PauseWatch(store, 0);
    await watch.refresh();
    const consumer = { assignments: assigned as GroupAssignment[] | null };
    const holds = new PartitionHolds({ topic: TOPIC, watch, consumer, log: () => undefined });
    holds.joined(assigned);
    fail = true;
    expect(await holds.check()).toBe(false);
    expect(holds.holding).toEqual([0]);
  });
});
