import type { Attempt } from './attempt';
import { EpisodeTracker, type Episode } from './episodes';
import type { Finding, FindingOf } from '@sightline/schema/api';
import { findingId } from './finding-id';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import { BRUTE_FORCE, MAX_ATTEMPTS_PER_USER } from './thresholds';
import { iso, plural, unique, within } from './words';

interface FailureEvent {
  time: number;
  txid: string;
  user: string | null;
  address: string | null;
  invalidPasscode: boolean;
}

const event = (a: Attempt): FailureEvent => ({
  time: a.time,
  txid: a.txid,
  user: a.user,
  address: a.address,
  invalidPasscode: a.invalidPasscode,
});

type Subject = 'user' | 'address';

/**
 * Passcode guessing and brute force: many failed attempts (invalid passcodes, lockouts, policy denials;
 * refused pushes are push fatigue's) for one user, or from one address over any users. A success that
 * follows is the guess that worked.
 */
export function createBruteForce({ customer, maxSubjects }: RuleOptions): Rule {
  const trackers: Record<Subject, EpisodeTracker<FailureEvent>> = {
    user: new EpisodeTracker({
      windowMs: BRUTE_FORCE.windowMs,
      enough: (events) => events.length >= BRUTE_FORCE.minUserFailures,
      followUpMs: BRUTE_FORCE.successWithinMs,
      maxEvents: MAX_ATTEMPTS_PER_USER,
      maxSubjects,
    }),
    address: new EpisodeTracker({
      windowMs: BRUTE_FORCE.windowMs,
      enough: (events) => events.length >= BRUTE_FORCE.minAddressFailures,
      followUpMs: BRUTE_FORCE.successWithinMs,
      maxEvents: MAX_ATTEMPTS_PER_USER,
      maxSubjects,
    }),
  };

  const finding = (
    subject: Subject,
    key: string,
    episode: Episode<FailureEvent>,
  ): FindingOf<'brute_force'> => {
    const succeeded = episode.followUp;
    const passcodes = episode.events.filter((e) => e.invalidPasscode).length;
    const users = unique(episode.events.map((e) => e.user));
    const minimum = subject === 'user' ? BRUTE_FORCE.minUserFailures : BRUTE_FORCE.minAddressFailures;
    const score = (succeeded ? 70 : 40) + 3 * (episode.count - minimum) + (users.length > 1 ? 5 : 0);
    const what =
      passcodes === episode.events.length
        ? plural(episode.count, 'invalid passcode')
        : `${plural(episode.count, 'failed attempt')}${passcodes > 0 ? ` (${plural(passcodes, 'invalid passcode')})` : ''}`;
    const whom = subject === 'address' ? ` from ${key} against ${plural(users.length, 'user')}` : '';
    const evidence = [...episode.events, ...(succeeded ? [succeeded] : [])];
    return {
      id: findingId(customer, 'brute_force', `${subject}:${key}`, episode.key),
      customer,
      type: 'brute_force',
      severity: severityOf(clampScore(score)),
      score: clampScore(score),
      reason: `${what}${whom} ${within(episode.last - episode.first)}${succeeded ? ', then a success' : ''}`,
      user: subject === 'user' ? key : users.length === 1 ? users[0]! : null,
      address: subject === 'address' ? key : (succeeded?.address ?? episode.events[0]?.address ?? null),
      firstSeen: iso(episode.first),
      lastSeen: iso(Math.max(episode.last, succeeded?.time ?? 0)),
      evidence: evidence.map((e) => e.txid),
      evidenceCount: episode.count + (succeeded ? 1 : 0),
      details: {
        subject,
        failures: episode.count,
        invalidPasscodes: passcodes,
        minutes: Math.round((episode.last - episode.first) / 60_000),
        succeededBy: succeeded?.txid ?? null,
        users,
      },
    };
  };

  return {
    observe(attempt) {
      const findings: Finding[] = [];
      const keys: Record<Subject, string | null> = { user: attempt.user, address: attempt.address };
      for (const subject of ['user', 'address'] as const) {
        const key = keys[subject];
        if (key === null) continue;
        const episode = attempt.failure
          ? trackers[subject].add(key, event(attempt))
          : attempt.success
            ? trackers[subject].addFollowUp(key, event(attempt))
            : null;
        if (episode) findings.push(finding(subject, key, episode));
      }
      return findings;
    },
  };
}
