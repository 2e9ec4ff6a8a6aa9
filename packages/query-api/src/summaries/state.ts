import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../store/own-index';
import { DAILY_CUBES, SUMMARY_CUBES, SUMMARY_VERSION } from './cubes';

/** Where the summariser keeps how far it got, for itself after a restart and for the API. */
export const SUMMARY_STATE_INDEX = 'sightline-summary-state';
/**
 * One state per set of cubes: a changed set (a cube added, a field moved) starts again, rebuilding
 * every customer from its records (see SummaryState.backlog), so no report reads a cube nobody has
 * filled.
 */
export const SUMMARY_STATE_ID = `summariser-v${SUMMARY_VERSION}-${createHash('sha256')
  .update(JSON.stringify([SUMMARY_CUBES, DAILY_CUBES]))
  .digest('hex')
  .slice(0, 12)}`;

/** An hour of one customer touched by a load while still open: summarised once it closes. */
export interface PendingHour {
  customer: string;
  hour: number;
}

export interface SummaryState {
  /** `@timestamp` of the last load-log entry taken into account (epoch ms). */
  watermark: number;
  /**
   * Every hour starting before this instant (epoch ms, on the hour) is summarised as of the loads up
   * to `watermark`. Loads after it may still change earlier hours: readers take those into account.
   */
  through: number;
  pending: PendingHour[];
  /**
   * Customers whose whole history is summarised: each was rebuilt from its records when the
   * summariser first saw it, so records loaded before summaries existed (or by a path that wrote
   * no load-log entry) are counted too. Reports of other customers read the records.
   */
  customers: string[];
  /**
   * A new state (first run, or a changed set of cubes) rebuilds every customer with records from
   * them, smallest first, one a pass, instead of replaying the whole load log: these are still to do.
   */
  backlog?: string[];
  updatedAt: number;
}

const STATE_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    watermark: { type: 'date', format: 'epoch_millis' },
    through: { type: 'date', format: 'epoch_millis' },
    // Read back whole, never searched.
    pending: { type: 'object', enabled: false },
    customers: { type: 'keyword', index: false, doc_values: false },
    backlog: { type: 'keyword', index: false, doc_values: false },
    updatedAt: { type: 'date', format: 'epoch_millis' },
  },
} as const;

/** Creates the state index, or adds to an older one the fields this version keeps (additive only). */
export function summaryStateEnsurer(es: Client): () => Promise<void> {
  const create = ownIndexCreator(es, SUMMARY_STATE_INDEX, STATE_MAPPINGS);
  return async () => {
    await create();
    await es.indices.putMapping({ index: SUMMARY_STATE_INDEX, properties: STATE_MAPPINGS.properties });
  };
}

/** `id`: another summariser's state (tests keep one of their own). */
export async function readSummaryState(es: Client, id = SUMMARY_STATE_ID): Promise<SummaryState | null> {
  const response = await es.get<SummaryState>({ index: SUMMARY_STATE_INDEX, id }, { ignore: [404] });
  return response.found && response._source ? response._source : null;
}

export async function writeSummaryState(
  es: Client,
  state: SummaryState,
  id = SUMMARY_STATE_ID,
): Promise<void> {
  await es.index({ index: SUMMARY_STATE_INDEX, id, document: state, refresh: true });
}
