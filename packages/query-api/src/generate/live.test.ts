import { describe, expect, it } from 'vitest';
import { LiveGenerator } from './live';
import { generateRecords } from './records';

const START = new Date('2026-03-10T09:00:00Z');
const t0 = START.getTime();

function minutes(generator: LiveGenerator, n: number) {
  const out = [];
  for (let i = 0; i < n * 4; i++) out.push(...generator.between(t0 + i * 15_000, t0 + (i + 1) * 15_000));
  return out;
}

describe('LiveGenerator', () => {
  it('gives the same attempts for the same seed, start and intervals', () => {
    const a = minutes(new LiveGenerator({ seed: 's', ratePerSecond: 3, startedAt: START }), 5);
    const b = minutes(new LiveGenerator({ seed: 's', ratePerSecond: 3, startedAt: START }), 5);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('gives every attempt a txid no restart repeats', () => {
    const first = minutes(new LiveGenerator({ seed: 's', ratePerSecond: 3, startedAt: START }), 5);
    const restarted = new Date(t0 + 1000);
    const second = minutes(new LiveGenerator({ seed: 's', ratePerSecond: 3, startedAt: restarted }), 5);
    const txids = [...first, ...second].map((r) => r.txid);
    expect(new Set(txids).size).toBe(txids.length);
  });

  it('stamps attempts inside the interval asked for, in time order', () => {
    const generator = new LiveGenerator({ seed: 's', ratePerSecond: 20, startedAt: START });
    const records = generator.between(t0, t0 + 10_000);
    const times = records.map((r) => Date.parse(r.ts));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(t0);
      expect(t).toBeLessThan(t0 + 10_000);
    }
  });

  it('writes a few attempts per second, as the rate asks, busier at the working-day peak than at night', () => {
    const generator = new LiveGenerator({
      seed: 'rate',
      ratePerSecond: 3,
      startedAt: START,
      burstEveryMs: 1e15,
    });
    const hour = (utcHour: number) => {
      const from = Date.parse(`2026-03-10T${String(utcHour).padStart(2, '0')}:00:00Z`);
      let n = 0;
      for (let s = 0; s < 3600; s += 10)
        n += generator.between(from + s * 1000, from + (s + 10) * 1000).length;
      return n / 3600;
    };
    // Acme, most of the traffic, signs in from the US: 15:00 UTC is its morning, 08:00 UTC its night.
    const peak = hour(15);
    const night = hour(8);
    expect(peak).toBeGreaterThan(3);
    expect(peak).toBeLessThan(12);
    expect(night).toBeLessThan(peak / 2);
  });

  it('keeps the mean rate at every hour when asked to be steady, as benchmarks need', () => {
    const generator = new LiveGenerator({
      seed: 'rate',
      ratePerSecond: 20,
      startedAt: START,
      burstEveryMs: 1e15,
      steady: true,
    });
    const perSecond = (utcHour: number) => {
      const from = Date.parse(`2026-03-10T${String(utcHour).padStart(2, '0')}:00:00Z`);
      return generator.between(from, from + 600_000).length / 600;
    };
    // 12,000 draws of a Poisson rate: within 5% of the mean, night and day alike.
    for (const hour of [8, 15]) {
      expect(perSecond(hour)).toBeGreaterThan(19);
      expect(perSecond(hour)).toBeLessThan(21);
    }
  });

  it('signs in the history’s users, so live records look like the rest', () => {
    const history = new Set(
      [...generateRecords({ seed: 'same', count: 5000, end: START, days: 7 })].map((r) => r.user.key),
    );
    const live = minutes(new LiveGenerator({ seed: 'same', ratePerSecond: 10, startedAt: START }), 3);
    const known = live.filter((r) => history.has(r.user.key)).length;
    expect(known / live.length).toBeGreaterThan(0.5);
    expect(new Set(live.map((r) => r.customer_id))).toContain('acme');
  });

  it('adds attack and fraud bursts now and then', () => {
    const generator = new LiveGenerator({
      seed: 'b',
      ratePerSecond: 1,
      startedAt: START,
      burstEveryMs: 60_000,
    });
    let bursts = 0;
    for (let m = 0; m < 60; m++) {
      generator.between(t0 + m * 60_000, t0 + (m + 1) * 60_000);
      bursts += generator.burstsAt(t0 + (m + 1) * 60_000 - 1).length > 0 ? 1 : 0;
    }
    expect(bursts).toBeGreaterThan(10);
  });
});
