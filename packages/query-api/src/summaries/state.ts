import type { Client } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../store/own-index';

/** Where the summariser keeps how far it got, for itself after a restart and for the API. */
export const SUMMARY_STATE_INDEX = 'sightline-summary-state';
const STATE_ID = 'summariser';

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
  updatedAt: number;
}

export function summaryStateEnsurer(es: Client): () => Promise<void> {
  return ownIndexCreator(es, SUMMARY_STATE_INDEX, {
    dynamic: 'strict',
    properties: {
      watermark: { type: 'date', format: 'epoch_millis' },
      through: { type: 'date', format: 'epoch_millis' },
      // Read back whole, never searched.
      pending: { type: 'object', enabled: false },
      updatedAt: { type: 'date', format: 'epoch_millis' },
    },
  });
}

export async function readSummaryState(es: Client): Promise<SummaryState | null> {
  const response = await es.get<SummaryState>(
    { index: SUMMARY_STATE_INDEX, id: STATE_ID },
    { ignore: [404] },
  );
  return response.found && response._source ? response._source : null;
}

export async function writeSummaryState(es: Client, state: SummaryState): Promise<void> {
  await es.index({ index: SUMMARY_STATE_INDEX, id: STATE_ID, document: state, refresh: true });
}
