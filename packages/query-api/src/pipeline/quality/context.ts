import type { Client } from '@elastic/elasticsearch';
import type { QualityThresholds } from './thresholds';

/** What one run of the checks looks at. */
export interface QualityContext {
  client: Client;
  /** The run's instant: windows end here (a replay of a past day passes that day). */
  now: Date;
  thresholds: QualityThresholds;
  /** Only load-log streams starting with this (a topic, `mysql/`, a file); all when absent. */
  streamPrefix?: string | undefined;
  /** Only customers whose id starts with this; all when absent. */
  customerPrefix?: string | undefined;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
