import { EpisodeTracker, type Episode } from './episodes';
import type { FindingOf } from '@sightline/schema/api';
import { findingId } from './finding-id';
import { networkOf } from './network';
import type { Rule, RuleOptions } from './rule';
import { clampScore, severityOf } from './severity';
import { PUSH_SPRAY } from './thresholds';
import { iso, plural, unique, within } from './words';

interface SprayEvent {
  time: number;
  txid: string;
  user: string;
  address: string;
}

/** Enough pushes to hold the distinct users of a spray several times over. */
const MAX_EVENTS = 4 * PUSH_SPRAY.minUsers * 4;

/**
 * Push spray: refused or unanswered pushes to many different users from one address or one network
 * (a /24, a /64) within minutes: someone holding a list of passwords, trying each user's second factor.
 */
export function createPushSpray({ customer, maxSubjects }: RuleOptions): Rule {
  const tracker = new EpisodeTracker<SprayEvent>({
    windowMs: PUSH_SPRAY.windowMs,
    enough: (events) => new Set(events.map((e) => e.user)).size >= PUSH_SPRAY.minUsers,
    followUpMs: 0,
    maxEvents: MAX_EVENTS,
    maxSubjects,
  });

  const finding = (network: string, episode: Episode<SprayEvent>): FindingOf<'push_spray'> => {
    const users = unique(episode.events.map((e) => e.user));
    const addresses = unique(episode.events.map((e) => e.address));
    const from = addresses.length === 1 ? addresses[0]! : network;
    const score = 45 + 3 * (users.length - PUSH_SPRAY.minUsers) + Math.min(15, episode.count - users.length);
    return {
      id: findingId(customer, 'push_spray', network, episode.key),
      customer,
      type: 'push_spray',
      severity: severityOf(clampScore(score)),
      score: clampScore(score),
      reason: `${plural(episode.count, 'refused or unanswered push', 'refused or unanswered pushes')} to ${plural(users.length, 'user')} from ${addresses.length === 1 ? from : `${plural(addresses.length, 'address', 'addresses')} in ${network}`} ${within(episode.last - episode.first)}`,
      user: users.length === 1 ? users[0]! : null,
      address: from,
      firstSeen: iso(episode.first),
      lastSeen: iso(episode.last),
      evidence: episode.events.map((e) => e.txid),
      evidenceCount: episode.count,
      details: {
        network,
        users,
        refused: episode.count,
        minutes: Math.round((episode.last - episode.first) / 60_000),
      },
    };
  };

  return {
    observe(attempt) {
      if (!attempt.refusedPush || attempt.user === null || attempt.address === null) return [];
      const network = networkOf(attempt.address);
      if (network === null) return [];
      const episode = tracker.add(network, {
        time: attempt.time,
        txid: attempt.txid,
        user: attempt.user,
        address: attempt.address,
      });
      return episode ? [finding(network, episode)] : [];
    },
  };
}
