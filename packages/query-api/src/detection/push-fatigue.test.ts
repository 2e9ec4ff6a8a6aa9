import { describe, expect, it } from 'vitest';
import { createDetector } from './detector';
import { PUSH_FATIGUE } from './thresholds';
import { CUSTOMER, ids, ofType, record, refused, run, type Crafted } from './test-support';

const pushes = (n: number, everyMinutes: number, from = 0): Crafted[] =>
  ids('p', n).map((txid, i) => refused({ txid, at: from + i * everyMinutes }));

describe('push fatigue', () => {
  it('says how many pushes went unanswered in how long, then approved, as high or critical', () => {
    const [finding] = ofType(
      run([...pushes(9, 0.5), { txid: 'ok', at: 4.5, reason: 'user_approved' }]),
      'push_fatigue',
    );
    expect(finding?.reason).toBe('9 unanswered pushes in 4 minutes, then approved');
    expect(finding?.severity).toBe('critical');
    expect(finding?.user).toBe('ana');
    expect(finding?.evidence).toEqual([...ids('p', 9), 'ok']);
    expect(finding?.details.approvedBy).toBe('ok');
    expect(finding?.firstSeen).toBe('2026-11-02T10:00:00.000Z');
    expect(finding?.lastSeen).toBe('2026-11-02T10:04:30.000Z');
  });

  it('opens exactly at the threshold: two refusals are nothing, the third within the window is a finding', () => {
    const window = PUSH_FATIGUE.windowMs / 60_000;
    expect(ofType(run(pushes(PUSH_FATIGUE.minRefused - 1, 1)), 'push_fatigue')).toEqual([]);
    const atEdge = run(pushes(PUSH_FATIGUE.minRefused, window / (PUSH_FATIGUE.minRefused - 1)));
    expect(ofType(atEdge, 'push_fatigue')).toHaveLength(1);
    expect(ofType(atEdge, 'push_fatigue')[0]?.severity).toBe('medium');
    // Spread a little wider than the window, and slower than the slow drip, it is ordinary.
    const spread = [
      refused({ txid: 'a', at: 0 }),
      refused({ txid: 'b', at: 6 }),
      refused({ txid: 'c', at: 12.1 }),
    ];
    expect(ofType(run(spread), 'push_fatigue')).toEqual([]);
  });

  it('finds the slow drip: five refusals spread over two hours', () => {
    const findings = ofType(run(pushes(PUSH_FATIGUE.slowRefused, 25)), 'push_fatigue');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.reason).toBe('5 unanswered pushes in 1 hour 40 minutes');
    expect(ofType(run(pushes(PUSH_FATIGUE.slowRefused - 1, 25)), 'push_fatigue')).toEqual([]);
  });

  it('counts each user on their own: three users with two refusals each raise nothing', () => {
    const records = ['ana', 'ben', 'cy'].flatMap((user) =>
      [0, 1].map((i) => refused({ txid: `${user}${i}`, at: i, user })),
    );
    expect(ofType(run(records), 'push_fatigue')).toEqual([]);
  });

  it('sees the same pattern arriving out of order, and a late approval still upgrades the finding', () => {
    const inOrder = run([...pushes(4, 1), { txid: 'ok', at: 5 }]);
    const shuffled = run([{ txid: 'ok', at: 5 }, ...pushes(4, 1).reverse()]);
    expect(ofType(shuffled, 'push_fatigue')).toHaveLength(1);
    expect(ofType(shuffled, 'push_fatigue')[0]?.details).toMatchObject({ refused: 4, approvedBy: 'ok' });
    expect(ofType(shuffled, 'push_fatigue')[0]?.reason).toBe(ofType(inOrder, 'push_fatigue')[0]?.reason);
  });

  it('folds a late refusal into the open finding without changing its id', () => {
    const detector = createDetector({ customer: CUSTOMER });
    const first = run(pushes(3, 1, 10), detector);
    const late = detector.observe(record(refused({ txid: 'late', at: 8 })));
    expect(late).toHaveLength(1);
    expect(late[0]?.id).toBe(first[0]?.id);
    expect(late[0]?.evidenceCount).toBe(4);
    expect(late[0]?.firstSeen).toBe('2026-11-02T10:08:00.000Z');
  });

  it('ignores an approval that comes long after the refusals', () => {
    const approvedLater = run([
      ...pushes(3, 1),
      { txid: 'ok', at: 2 + PUSH_FATIGUE.approvalWithinMs / 60_000 + 1 },
    ]);
    expect(ofType(approvedLater, 'push_fatigue')[0]?.details.approvedBy).toBeNull();
  });
});
