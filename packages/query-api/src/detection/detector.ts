import { toAttempt, type DetectionRecord } from './attempt';
import { createBruteForce } from './brute-force';
import type { Finding } from '@sightline/schema/api';
import { createFirstSeen } from './first-seen';
import { createImpossibleTravel } from './impossible-travel';
import { Lru } from './lru';
import { Profiles } from './profiles';
import { createPushFatigue } from './push-fatigue';
import { createPushSpray } from './push-spray';
import type { Rule } from './rule';
import { createSourceRisk } from './source-risk';
import { DEFAULT_MAX_SUBJECTS, RECENT_TXIDS } from './thresholds';
import { createVolumeAnomaly } from './volume-anomaly';

export interface DetectorOptions {
  /** The customer whose records this detector sees; each customer has its own. */
  customer: string;
  /** Users, addresses and networks remembered per detector; bounds memory at millions of users. */
  maxSubjects?: number;
}

export interface Detector {
  /** Feeds one record; returns the findings it opened or updated (the store upserts them by id). */
  observe(record: DetectionRecord): Finding[];
  /** Feeds one record into the baselines and open episodes without reporting: a restart reloading history. */
  warm(record: DetectionRecord): void;
}

/**
 * The detection engine for one customer: every detector over one stream of records, on event time.
 * Pure and deterministic: the same records in the same order give the same findings with the same
 * ids, so a replay after a restart (warm with the last 30 days, then observe) upserts what it finds.
 */
export function createDetector(options: DetectorOptions): Detector {
  const { customer } = options;
  const maxSubjects = options.maxSubjects ?? DEFAULT_MAX_SUBJECTS;
  const profiles = new Profiles(maxSubjects);
  const rules: Rule[] = [
    createImpossibleTravel({ customer, maxSubjects }),
    createPushFatigue({ customer, maxSubjects }),
    createPushSpray({ customer, maxSubjects }),
    createBruteForce({ customer, maxSubjects }),
    createFirstSeen({ customer, maxSubjects }),
    createVolumeAnomaly({ customer, maxSubjects }),
    createSourceRisk({ customer, maxSubjects }),
  ];
  const recent = new Lru<string, true>(RECENT_TXIDS);

  const process = (record: DetectionRecord): Finding[] => {
    if (record.customer_id !== customer) {
      throw new Error(
        `record ${record.txid} of customer ${record.customer_id} sent to ${customer}'s detector`,
      );
    }
    if (recent.has(record.txid)) return [];
    const attempt = toAttempt(record);
    if (Number.isNaN(attempt.time)) return [];
    recent.set(record.txid, true);
    const byId = new Map<string, Finding>();
    for (const rule of rules)
      for (const finding of rule.observe(attempt, profiles)) byId.set(finding.id, finding);
    profiles.update(attempt);
    return [...byId.values()];
  };

  return {
    observe: process,
    warm(record) {
      process(record);
    },
  };
}
