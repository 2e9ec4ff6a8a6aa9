import { describe, expect, it } from 'vitest';
import { createDetector } from './detector';
import { VOLUME_ANOMALY } from './thresholds';
import { badPasscode, CUSTOMER, ofType, run, type Crafted } from './test-support';

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

const lockouts = (n: number, from = 0): Crafted[] =>
  Array.from({ length: n }, (_, i) =>
    badPasscode({
      txid: `x${i}`,
      at: from + i * 3,
      user: `v${i}`,
      reason: 'locked_out',
      factor: 'not_available',
    }),
  );

describe('volume anomalies', () => {
  const history = baseline(6);

  it('finds an hour with many more of one reason than the baseline predicts, and says so', () => {
    const findings = ofType(run([...history, ...lockouts(12)]), 'volume_anomaly');
    const hourly = findings.find((f) => f.details.hours === 1 && f.details.value === 'locked_out');
    expect(hourly?.reason).toMatch(
      /^12 attempts with reason locked_out in the hour from 10:00 UTC, 0\.\d expected from the last 30 days$/,
    );
    expect(hourly?.evidence).toEqual(lockouts(12).map((r) => r.txid));
    expect(hourly?.details.dimension).toBe('reason');
  });

  it('needs the minimum count, whatever the baseline', () => {
    const few = ofType(run([...history, ...lockouts(VOLUME_ANOMALY.minCount - 1)]), 'volume_anomaly');
    expect(few.filter((f) => f.details.value === 'locked_out')).toEqual([]);
    const enough = ofType(run([...history, ...lockouts(VOLUME_ANOMALY.minCount)]), 'volume_anomaly');
    expect(enough.filter((f) => f.details.value === 'locked_out' && f.details.hours === 1)).toHaveLength(1);
  });

  it('says nothing while the customer is new: the baseline needs days of history', () => {
    const young = baseline(1);
    expect(ofType(run([...young, ...lockouts(12)]), 'volume_anomaly')).toEqual([]);
  });

  it('does not flag ordinary traffic, however much of it', () => {
    const busy = Array.from({ length: 60 }, (_, i): Crafted => ({ txid: `n${i}`, at: i, user: `u${i}` }));
    expect(ofType(run([...history, ...busy]), 'volume_anomaly')).toEqual([]);
  });

  it('keeps one id per value and window as the window fills, so the store updates rather than duplicates', () => {
    const detector = createDetector({ customer: CUSTOMER });
    const ids = new Set(
      ofType(run([...history, ...lockouts(20)], detector), 'volume_anomaly')
        .filter((f) => f.details.value === 'locked_out')
        .map((f) => `${f.details.hours}h ${f.id}`),
    );
    expect(ids.size).toBe(2);
  });
});
