import type { Attempt } from './attempt';
import type { Finding } from '@sightline/schema/api';
import type { Profiles } from './profiles';

/** One detector: sees every attempt of one customer, returns the findings it opened or updated. */
export interface Rule {
  observe(attempt: Attempt, profiles: Profiles): Finding[];
}

export interface RuleOptions {
  customer: string;
  /** Users, addresses or networks remembered per detector; the least recently seen are forgotten. */
  maxSubjects: number;
}
