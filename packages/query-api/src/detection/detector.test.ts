import { describe, expect, it } from 'vitest';
import { createDetector } from './detector';
import { Lru } from './lru';
import { badPasscode, CUSTOMER, ids, record, refused, run, type Crafted } from './test-support';

const incident: Crafted[] = [
  ...ids('p', 5).map((txid, i) => refused({ txid, at: i })),
  { txid: 'ok', at: 6 },
  ...ids('f', 6).map((txid, i) => badPasscode({ txid, at: 20 + i, user: 'ben' })),
  { txid: 'ny', at: 40, user: 'cy', place: 'newYork' },
  { txid: 'ldn', at: 70, user: 'cy', place: 'london' },
];

describe('createDetector', () => {
  it('gives the same findings with the same ids when the same records are replayed', () => {
    const first = run(incident);
    expect(first.map((f) => f.type).sort()).toEqual(['brute_force', 'impossible_travel', 'push_fatigue']);
    expect(run(incident)).toEqual(first);
  });

  it('drops a redelivered record instead of counting it twice', () => {
    const detector = createDetector({ customer: CUSTOMER });
    const once = run(incident, detector);
    expect(detector.observe(record(incident[3]!))).toEqual([]);
    const again = run([...incident.slice(0, 5).map((r) => ({ ...r }))], detector);
    expect(again).toEqual([]);
    expect(once.find((f) => f.type === 'push_fatigue')?.evidenceCount).toBe(6);
  });

  it('after a restart, warming with history and observing the rest updates the same findings', () => {
    const whole = run(incident);
    const restarted = createDetector({ customer: CUSTOMER });
    for (const r of incident.slice(0, 4)) restarted.warm(record(r));
    const rest = run(incident.slice(4), restarted);
    const fatigue = rest.find((f) => f.type === 'push_fatigue');
    expect(fatigue).toEqual(whole.find((f) => f.type === 'push_fatigue'));
    expect(rest.map((f) => f.id).sort()).toEqual(whole.map((f) => f.id).sort());
  });

  it('warming reports nothing', () => {
    const detector = createDetector({ customer: CUSTOMER });
    for (const r of incident) expect(detector.warm(record(r))).toBeUndefined();
  });

  it('keeps customers apart: a finding id depends on the customer, and another customer record is refused', () => {
    const other = createDetector({ customer: 'globex' });
    expect(() => other.observe(record(incident[0]!))).toThrow(/customer acme sent to globex/);
  });

  it('forgets the least recently seen users beyond its bound, and only them', () => {
    const detector = createDetector({ customer: CUSTOMER, maxSubjects: 2 });
    // ana's first two refusals, then two other users, then ana's third: ana was forgotten in between.
    const forgetful = run(
      [
        refused({ txid: 'a1', at: 0 }),
        refused({ txid: 'a2', at: 1 }),
        ...['b', 'c', 'd', 'e'].map((user, i) => refused({ txid: user, at: 2 + i * 0.1, user })),
        refused({ txid: 'a3', at: 3 }),
      ],
      detector,
    );
    expect(forgetful.filter((f) => f.type === 'push_fatigue')).toEqual([]);
    // The LRU itself: b, never used again, goes; a, read since, stays; never more than twice the bound.
    const lru = new Lru<string, number>(2);
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      lru.set(key, value);
    expect(lru.get('a')).toBe(1);
    lru.set('d', 4);
    lru.set('e', 5);
    expect(['a', 'b', 'c', 'd', 'e'].filter((k) => lru.has(k))).toEqual(['a', 'c', 'd', 'e']);
    lru.set('f', 6);
    expect(lru.has('a')).toBe(false);
    expect(lru.size).toBeLessThanOrEqual(4);
  });
});
