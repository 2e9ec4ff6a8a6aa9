import { describe, expect, it } from 'vitest';
import { createDetector } from './detector';
import type { Finding } from '@sightline/schema/api';
import { VOLUME_ANOMALY } from './thresholds';
import { badPasscode, CUSTOMER, ofType, record, run, type Crafted } from './test-support';

const DAY = 24 * 60;

/** Days of ordinary traffic: 12 approvals an hour from many users, and now and then a lockout. */
function baseline(days: number): Crafted[] {
  const out: Crafted[] = [];
  for (let m = -days * DAY; m < 0; m += 5) {
    const i = out.length;
    out.push(
      i % 400 === 0
        ? badPasscode({
            txid: `b${i}`,
            at: m,
            user: `u${i % 300}`,
            reason: 'locked_out',
            factor: 'not_available',
          })
        : { txid: `b${i}`, at: m, user: `u${i % 300}` },
    );
  }
  return out;
}

/** Ordinary approvals going on from `from` to `to` minutes, one every 5 minutes. */
const ordinary = (from: number, to: number): Crafted[] =>
  Array.from({ length: Math.floor((to - from) / 5) }, (_, i) => ({
    txid: `o${from + i * 5}`,
    at: from + i * 5,
    user: `u${i % 300}`,
  }));

const lockouts = (n: number, from = 0, prefix = 'x'): Crafted[] =>
  Array.from({ length: n }, (_, i) =>
    badPasscode({
      txid: `${prefix}${i}`,
      at: from + i * 3,
      user: `v${i}`,
      reason: 'locked_out',
      factor: 'not_available',
    }),
  );

/** An attack: refused pushes marked as fraud, from malicious addresses in Moscow, to an application no one uses. */
const attack = (n: number, from: number, every: number): Crafted[] =>
  Array.from({ length: n }, (_, i) => ({
    txid: `a${i}`,
    at: from + i * every,
    user: `v${i % 7}`,
    result: 'denied',
    reason: 'user_marked_fraud',
    malicious: true,
    place: 'moscow' as const,
    application: 'Payroll',
  }));

/** Merges sequences into time order, as they would arrive on time. */
const inTime = (...parts: Crafted[][]): Crafted[] => parts.flat().sort((a, b) => a.at - b.at);

const named = (f: Extract<Finding, { type: 'volume_anomaly' }>) =>
  [f.details, ...(f.details.also ?? [])].map((v) => `${v.dimension}:${v.value}`).sort();

describe('volume anomalies', () => {
  const history = baseline(6);

  it('finds an hour with many more of one reason than the baseline predicts, and says so', () => {
    const [finding, ...more] = ofType(run([...history, ...lockouts(12)]), 'volume_anomaly');
    expect(more).toEqual([]);
    expect(finding?.reason).toMatch(
      /^12 attempts with reason locked_out between 10:00 and 11:00 UTC \(0\.\d expected\)$/,
    );
    expect(finding?.evidence).toEqual(lockouts(12).map((r) => r.txid));
    expect(finding?.details).toMatchObject({
      dimension: 'reason',
      value: 'locked_out',
      hour: '2026-11-02T10:00:00.000Z',
      hours: 1,
      count: 12,
      until: '2026-11-02T11:00:00.000Z',
      also: [],
    });
  });

  it('needs the minimum count, whatever the baseline', () => {
    const few = ofType(run([...history, ...lockouts(VOLUME_ANOMALY.minCount - 1)]), 'volume_anomaly');
    expect(few).toEqual([]);
    const enough = ofType(run([...history, ...lockouts(VOLUME_ANOMALY.minCount)]), 'volume_anomaly');
    expect(enough).toHaveLength(1);
  });

  it('says nothing while the customer is new: the baseline needs days of history', () => {
    const young = baseline(1);
    expect(ofType(run([...young, ...lockouts(12)]), 'volume_anomaly')).toEqual([]);
  });

  it('does not flag ordinary traffic, however much of it', () => {
    const busy = Array.from({ length: 60 }, (_, i): Crafted => ({ txid: `n${i}`, at: i, user: `u${i}` }));
    expect(ofType(run([...history, ...busy]), 'volume_anomaly')).toEqual([]);
  });

  it('makes one burst over two hours, raising four values, one finding that names them all', () => {
    const burst = attack(40, 30, 2);
    const findings = ofType(run([...history, ...inTime(ordinary(0, 150), burst)]), 'volume_anomaly');
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(named(finding!)).toEqual([
      'application:Payroll',
      'country:RU',
      'reason:user_marked_fraud',
      'reputation:malicious',
    ]);
    expect(finding?.reason).toMatch(
      /^40 attempts (to Payroll|from Russia|with reason user_marked_fraud|from malicious or Tor addresses) between 10:00 and 12:00 UTC \(0\.\d expected\), also .+ and .+$/,
    );
    for (const words of ['Payroll', 'Russia', 'user_marked_fraud', 'malicious or Tor'])
      expect(finding?.reason).toContain(words);
    expect(finding?.details.until).toBe('2026-11-02T12:00:00.000Z');
    expect(finding?.firstSeen).toBe('2026-11-02T10:30:00.000Z');
    expect(finding?.lastSeen).toBe('2026-11-02T11:48:00.000Z');
    expect(finding?.evidence).toEqual(burst.map((r) => r.txid));
    expect(finding?.evidenceCount).toBe(40);
    expect(finding?.severity).toBe('high');
  });

  it('keeps one incident across a quiet spell of under an hour, and opens another after five hours', () => {
    const close = ofType(run([...history, ...inTime(lockouts(12), lockouts(12, 80, 'y'))]), 'volume_anomaly');
    expect(close).toHaveLength(1);
    expect(close[0]?.evidenceCount).toBe(24);

    const apart = ofType(
      run([...history, ...inTime(lockouts(12), ordinary(40, 300), lockouts(12, 300, 'y'))]),
      'volume_anomaly',
    );
    expect(apart).toHaveLength(2);
    const [first, second] = [...apart].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    expect(first?.evidence).toEqual(lockouts(12).map((r) => r.txid));
    expect(second?.evidence).toEqual(lockouts(12, 300, 'y').map((r) => r.txid));
    expect(second?.reason).toMatch(/^12 attempts with reason locked_out between 15:00 and 16:00 UTC/);
    expect(first?.id).not.toBe(second?.id);
  });

  it('updates the same finding as the incident grows, and a replay of the same records gives the same findings', () => {
    const records = [...history, ...inTime(ordinary(0, 150), attack(40, 30, 2))];
    const detector = createDetector({ customer: CUSTOMER });
    const updates = records
      .flatMap((r) => detector.observe(record(r)))
      .filter((f) => f.type === 'volume_anomaly');
    expect(updates.length).toBeGreaterThan(30);
    expect(new Set(updates.map((f) => f.id)).size).toBe(1);
    expect(run(records)).toEqual(run(records));
  });

  it('lets a record arriving late join the incident it falls in', () => {
    const onTime = [...history, ...inTime(lockouts(12), ordinary(0, 90))];
    const late = badPasscode({
      txid: 'late',
      at: 20,
      user: 'w1',
      reason: 'locked_out',
      factor: 'not_available',
    });
    const [before] = ofType(run(onTime), 'volume_anomaly');
    const after = ofType(run([...onTime, late]), 'volume_anomaly');
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before?.id);
    expect(after[0]?.evidenceCount).toBe(13);
    expect(after[0]?.details.count).toBe(13);
    expect(after[0]?.evidence.indexOf('late')).toBe(7);
  });
});
