import type { Attempt } from './attempt';
import { EpisodeTracker, type Episode } from './episodes';
import type { FindingOf } from '@sightline/schema/api';
import { findingId } from './finding-id';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import { MAX_ATTEMPTS_PER_USER, PUSH_FATIGUE } from './thresholds';
import { iso, plural, unique, within } from './words';

interface PushEvent {
  time: number;
  txid: string;
  address: string | null;
  reason: string | null;
  result: string;
}

const event = (a: Attempt): PushEvent => ({
  time: a.time,
  txid: a.txid,
  address: a.address,
  reason: a.reason,
  result: a.result,
});

/** Refused pushes are "unanswered" when nobody responded; the reason words it for the admin. */
function refusalWords(episode: Episode<PushEvent>): string {
  const unanswered = episode.events.filter(
    (e) => e.reason === 'no_response' || e.reason === 'call_timed_out',
  );
  const fraud = episode.events.filter((e) => e.result === 'fraud').length;
  const kind = unanswered.length === episode.events.length ? 'unanswered' : 'refused or unanswered';
  const note = fraud > 0 ? ` (${plural(fraud, 'marked', 'marked')} as fraud)` : '';
  return `${plural(episode.count, `${kind} push`, `${kind} pushes`)} ${within(episode.last - episode.first)}${note}`;
}

/** Whether some `windowMs` of the events (in time order) holds `minRefused` of them. */
function fast(events: readonly PushEvent[]): boolean {
  const n = PUSH_FATIGUE.minRefused;
  for (let i = 0; i + n - 1 < events.length; i++) {
    if (events[i + n - 1]!.time - events[i]!.time <= PUSH_FATIGUE.windowMs) return true;
  }
  return false;
}

/**
 * Push fatigue (MFA bombing): several pushes or calls one user refused or left unanswered within
 * minutes, or more of them spread over an hour or two (a slow drip meant to look like noise). An
 * approval soon after is the attacker getting in, and raises the severity.
 */
export function createPushFatigue({ customer, maxSubjects }: RuleOptions): Rule {
  const tracker = new EpisodeTracker<PushEvent>({
    windowMs: PUSH_FATIGUE.slowWindowMs,
    enough: (events) => events.length >= PUSH_FATIGUE.slowRefused || fast(events),
    followUpMs: PUSH_FATIGUE.approvalWithinMs,
    maxEvents: MAX_ATTEMPTS_PER_USER,
    maxSubjects,
  });

  const finding = (user: string, episode: Episode<PushEvent>): FindingOf<'push_fatigue'> => {
    const approved = episode.followUp;
    const score = approved
      ? 65 + 4 * episode.count
      : episode.count >= PUSH_FATIGUE.highRefused
        ? Math.min(84, 60 + 2 * episode.count)
        : 30 + 4 * episode.count;
    const evidence = [...episode.events, ...(approved ? [approved] : [])];
    const last = Math.max(episode.last, approved?.time ?? 0);
    return {
      id: findingId(customer, 'push_fatigue', user, episode.key),
      customer,
      type: 'push_fatigue',
      severity: severityOf(clampScore(score)),
      score: clampScore(score),
      reason: `${refusalWords(episode)}${approved ? ', then approved' : ''}`,
      user,
      address: approved?.address ?? episode.events[episode.events.length - 1]?.address ?? null,
      firstSeen: iso(episode.first),
      lastSeen: iso(last),
      evidence: evidence.map((e) => e.txid),
      evidenceCount: episode.count + (approved ? 1 : 0),
      details: {
        refused: episode.count,
        minutes: Math.round((episode.last - episode.first) / 60_000),
        approvedBy: approved?.txid ?? null,
        addresses: unique(evidence.map((e) => e.address)),
      },
    };
  };

  return {
    observe(attempt) {
      if (attempt.user === null) return [];
      const pushApproval =
        attempt.success && (attempt.factor === 'duo_push' || attempt.factor === 'phone_call');
      const episode = attempt.refusedPush
        ? tracker.add(attempt.user, event(attempt))
        : pushApproval
          ? tracker.addFollowUp(attempt.user, event(attempt))
          : null;
      return episode ? [finding(attempt.user, episode)] : [];
    },
  };
}
