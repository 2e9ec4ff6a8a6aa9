import { describe, expect, it } from 'vitest';
import { FIRST_SEEN } from './thresholds';
import { ofType, run, type Crafted } from './test-support';

const DAY = 24 * 60;

/** Ten ordinary sign-ins over eight days, from New York, Chrome on Windows, at about the same hour. */
const history = (user = 'ana', days = 8): Crafted[] =>
  Array.from({ length: 10 }, (_, i) => ({
    txid: `${user}-h${i}`,
    user,
    at: -days * DAY + Math.round((i * days * DAY) / 10 / DAY) * DAY + (i % 3) * 20,
  }));

describe('first seen', () => {
  it('raises a new device against the user own history', () => {
    const [finding] = ofType(
      run([...history(), { txid: 'new', at: 0, browser: 'Firefox', os: 'Linux' }]),
      'first_seen',
    );
    expect(finding?.details.novelties).toEqual(['device']);
    expect(finding?.reason).toBe('first use of Firefox on Linux, against 8 days and 10 attempts of history');
    expect(finding?.evidence).toEqual(['new']);
    expect(finding?.severity).toBe('medium');
  });

  it('stays quiet during the warm-up: a new user first week, or too few attempts', () => {
    const young = history('ana', (FIRST_SEEN.warmUpMs / 86_400_000) * 0.5);
    expect(
      ofType(run([...young, { txid: 'new', at: 0, browser: 'Firefox', os: 'Linux' }]), 'first_seen'),
    ).toEqual([]);
    const few = history().slice(0, FIRST_SEEN.warmUpAttempts - 1);
    expect(
      ofType(run([...few, { txid: 'new', at: 0, browser: 'Firefox', os: 'Linux' }]), 'first_seen'),
    ).toEqual([]);
  });

  it('weighs a country nobody in the organisation uses: alone it waits, with a malicious address it is raised', () => {
    const moscow: Crafted = { txid: 'mow', at: 0, place: 'moscow' };
    expect(ofType(run([...history(), moscow]), 'first_seen')).toEqual([]);
    const [finding] = ofType(run([...history(), { ...moscow, malicious: true }]), 'first_seen');
    expect(finding?.details).toMatchObject({ novelties: ['country'], country: 'Russia' });
  });

  it('does not count an application colleagues use as strange, but an unusual hour adds up with a rare one', () => {
    const colleague: Crafted = { txid: 'ben', user: 'ben', at: -DAY, application: 'AWS Console' };
    const aws: Crafted = { txid: 'aws', at: 0, application: 'AWS Console' };
    expect(ofType(run([...history(), colleague, aws]), 'first_seen')).toEqual([]);
    // 10:00 UTC is the habit; 22:00 is twelve hours away.
    const night: Crafted = { txid: 'night', at: 12 * 60, application: 'Payroll' };
    const [finding] = ofType(run([...history(), night]), 'first_seen');
    expect(finding?.details.novelties).toEqual(['application', 'hour']);
    expect(finding?.reason).toBe(
      'first use of Payroll, first sign-in around 22:00 UTC, against 8 days and 10 attempts of history',
    );
  });

  it('collects the day novelties into one finding, with one id', () => {
    const findings = ofType(
      run([
        ...history(),
        { txid: 'dev', at: 0, browser: 'Firefox', os: 'Linux' },
        { txid: 'dev2', at: 5, browser: 'Firefox', os: 'Linux' },
        { txid: 'app', at: 30, application: 'Payroll', browser: 'Firefox', os: 'Linux' },
      ]),
      'first_seen',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.details.novelties).toEqual(['device', 'application']);
    expect(findings[0]?.evidence).toEqual(['dev', 'app']);
  });
});
