import { describe, expect, it } from 'vitest';
import { BRUTE_FORCE } from './thresholds';
import { badPasscode, ids, ofType, run } from './test-support';

describe('brute force', () => {
  it('raises invalid passcodes for one user at the threshold, not one below', () => {
    const n = BRUTE_FORCE.minUserFailures;
    const below = ids('f', n - 1).map((txid, i) => badPasscode({ txid, at: i }));
    expect(ofType(run(below), 'brute_force')).toEqual([]);
    const at = ids('f', n).map((txid, i) => badPasscode({ txid, at: i }));
    const [finding] = ofType(run(at), 'brute_force');
    expect(finding?.reason).toBe(`${n} invalid passcodes in ${n - 1} minutes`);
    expect(finding?.details).toMatchObject({ subject: 'user', failures: n, invalidPasscodes: n });
    expect(finding?.user).toBe('ana');
  });

  it('needs the failures inside the window', () => {
    const step = BRUTE_FORCE.windowMs / 60_000 / (BRUTE_FORCE.minUserFailures - 1);
    const spread = ids('f', BRUTE_FORCE.minUserFailures).map((txid, i) =>
      badPasscode({ txid, at: i * step * 1.01 }),
    );
    expect(ofType(run(spread), 'brute_force')).toEqual([]);
  });

  it('raises the severity when a success follows the guesses', () => {
    const guesses = ids('f', 6).map((txid, i) => badPasscode({ txid, at: i }));
    const plain = ofType(run(guesses), 'brute_force')[0];
    const [broken] = ofType(
      run([...guesses, { txid: 'in', at: 7, factor: 'passcode', reason: 'valid_passcode' }]),
      'brute_force',
    );
    expect(broken?.reason).toBe('6 invalid passcodes in 5 minutes, then a success');
    expect(broken?.details.succeededBy).toBe('in');
    expect(broken!.score).toBeGreaterThan(plain!.score);
    expect(['high', 'critical']).toContain(broken?.severity);
  });

  it('finds one address failing against many users, each below the per-user threshold', () => {
    const records = ids('f', BRUTE_FORCE.minAddressFailures).map((txid, i) =>
      badPasscode({ txid, at: i * 0.5, user: `user${i % 5}`, ip: '203.0.113.9', reason: 'locked_out' }),
    );
    const findings = ofType(run(records), 'brute_force');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.address).toBe('203.0.113.9');
    expect(findings[0]?.details.users).toHaveLength(5);
    expect(findings[0]?.reason).toBe('10 failed attempts from 203.0.113.9 against 5 users in 5 minutes');
  });

  it('leaves refused pushes and system errors to others', () => {
    const pushes = ids('p', 8).map((txid, i) => ({ txid, at: i, result: 'denied', reason: 'no_response' }));
    const errors = ids('e', 8).map((txid, i) => ({
      txid,
      at: i,
      result: 'error',
      reason: 'error',
      factor: 'passcode',
    }));
    expect(ofType(run(pushes), 'brute_force')).toEqual([]);
    expect(ofType(run(errors), 'brute_force')).toEqual([]);
  });
});
