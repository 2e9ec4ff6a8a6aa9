import { EpisodeTracker, type Episode } from './episodes';
import type { FindingOf } from '@sightline/schema/api';
import { findingId } from './finding-id';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import { MAX_ATTEMPTS_PER_USER, SOURCE_RISK } from './thresholds';
import { iso, list, plural, unique, within } from './words';

interface Flagged {
  time: number;
  txid: string;
  attacks: string[];
  trust: string | null;
  reason: string | null;
  address: string | null;
  success: boolean;
}

/** Lower is more worrying; the finding names the lowest trust level among its attempts. */
const TRUST_ORDER = ['LOW', 'NORMAL', 'UNKNOWN', 'ERROR'];
const trustRank = (level: string | null) => {
  const at = level === null ? -1 : TRUST_ORDER.indexOf(level);
  return at === -1 ? TRUST_ORDER.length : at;
};

/**
 * The source's own findings: every attempt the source (Duo's risk-based authentication) flagged
 * with an attack it did not suppress becomes evidence of a `source_risk` finding, shown beside
 * Sightline's own. One user's flagged attempts within an hour of each other are one finding, whose
 * id comes from the txid of its first flagged attempt, so a replay upserts it. No baseline and no
 * warm-up: the source already judged the attempt against its own.
 */
export function createSourceRisk({ customer, maxSubjects }: RuleOptions): Rule {
  const episodes = new EpisodeTracker<Flagged>({
    windowMs: SOURCE_RISK.windowMs,
    enough: (events) => events.length >= 1,
    followUpMs: 0,
    maxEvents: MAX_ATTEMPTS_PER_USER,
    maxSubjects,
  });

  const finding = (subject: string, user: string | null, e: Episode<Flagged>): FindingOf<'source_risk'> => {
    const attacks = unique(e.events.flatMap((f) => f.attacks)).sort();
    const lowest = e.events.reduce((a, b) => (trustRank(b.trust) < trustRank(a.trust) ? b : a));
    const succeeded = e.events.some((f) => f.success);
    const confirmed = attacks.some((a) => (SOURCE_RISK.confirmed as readonly string[]).includes(a));
    const score =
      (confirmed ? 70 : 45) +
      Math.min(10, 2 * (e.count - 1)) +
      (succeeded ? 10 : 0) +
      (lowest.trust === 'LOW' ? 5 : 0);
    const who = user ?? `address ${subject}`;
    return {
      id: findingId(customer, 'source_risk', subject, e.key),
      customer,
      type: 'source_risk',
      severity: severityOf(clampScore(score)),
      score: clampScore(score),
      reason:
        `Duo flagged ${list(attacks)} for ${who}` +
        (e.count > 1 ? `, ${plural(e.count, 'attempt')} ${within(e.last - e.first)}` : '') +
        (lowest.trust !== null ? `; trust ${lowest.trust}` : '') +
        (succeeded ? '; an attempt succeeded' : ''),
      user,
      address: e.events[e.events.length - 1]!.address,
      firstSeen: iso(e.first),
      lastSeen: iso(e.last),
      evidence: e.events.map((f) => f.txid),
      evidenceCount: e.count,
      details: {
        source: 'duo',
        attacks,
        trustLevel: lowest.trust,
        sourceReason: lowest.reason,
        succeeded,
      },
    };
  };

  return {
    observe(attempt) {
      if (attempt.sourceAttacks.length === 0) return [];
      const subject = attempt.user ?? attempt.address;
      if (subject === null) return [];
      const episode = episodes.add(subject, {
        time: attempt.time,
        txid: attempt.txid,
        attacks: attempt.sourceAttacks,
        trust: attempt.sourceTrust,
        reason: attempt.sourceReason,
        address: attempt.address,
        success: attempt.success,
      });
      return episode ? [finding(subject, attempt.user, episode)] : [];
    },
  };
}
