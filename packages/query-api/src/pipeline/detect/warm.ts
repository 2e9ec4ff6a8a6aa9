import type { Client, estypes } from '@elastic/elasticsearch';
import type { DetectionRecord } from '../../detection';
import { BASELINE_MS } from '../../detection/thresholds';
import { READ_ALIAS } from '../../store/mapping';

/**
 * Records read per customer to warm its detector after a start or a rebalance. The engine's baselines
 * span 30 days; a large customer has more than this in 30 days, and then only its most recent records
 * are read (the oldest days of its baselines are thinner, which can only make first-seen quieter, never
 * louder, because a user with less history is still warming up).
 */
export const WARM_MAX_RECORDS = 50_000;
const PAGE = 5_000;

/** Only what the detectors read, to keep the warm-up's memory and transfer small. */
const FIELDS = [
  'txid',
  'customer_id',
  'ts',
  'event_type',
  'result',
  'reason',
  'factor',
  'user',
  'application',
  'access_device.ip',
  'access_device.ip_reputation',
  'access_device.location',
  'access_device.browser',
  'access_device.os',
  'risk',
];

export interface WarmWindow {
  customer: string;
  /** Event time (ISO) the warm-up stops before: the first record the detector will observe. */
  before: string;
  maxRecords: number;
  index?: string;
}

/**
 * The customer's stored records of the 30 days before `before`, the most recent `maxRecords` of
 * them, oldest first: what its detector saw before it stopped. Records from `before` on are left to
 * the stream, which delivers them again (their offsets were not committed, or come later).
 */
export async function readWarmRecords(es: Client, window: WarmWindow): Promise<DetectionRecord[]> {
  const end = Date.parse(window.before);
  const newestFirst: DetectionRecord[] = [];
  let after: estypes.SortResults | undefined;
  while (newestFirst.length < window.maxRecords) {
    const size = Math.min(PAGE, window.maxRecords - newestFirst.length);
    const response = await es.search<DetectionRecord>({
      index: window.index ?? READ_ALIAS,
      size,
      track_total_hits: false,
      _source: { includes: FIELDS },
      query: {
        bool: {
          filter: [
            { term: { customer_id: window.customer } },
            {
              range: {
                ts: { gte: new Date(end - BASELINE_MS).toISOString(), lt: window.before },
              },
            },
          ],
        },
      },
      sort: [{ ts: 'desc' }, { txid: 'desc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = response.hits.hits;
    for (const hit of hits) if (hit._source) newestFirst.push(completed(hit._source));
    if (hits.length < size) break;
    after = hits[hits.length - 1]!.sort;
  }
  return newestFirst.reverse();
}

/** Stored records leave out nulls in places; the detectors expect every object they read to exist. */
function completed(source: DetectionRecord): DetectionRecord {
  const device: Partial<DetectionRecord['access_device']> = source.access_device ?? {};
  return {
    ...source,
    user: source.user ?? { name: null, key: null, groups: null },
    application: source.application ?? { name: null, key: null, type: null },
    access_device: {
      ip: device.ip ?? null,
      ip_reputation: device.ip_reputation ?? { is_vpn: null, is_tor: null, is_malicious: null },
      location: device.location ?? { city: null, state: null, country: null, country_code: null, geo: null },
      browser: device.browser ?? null,
      os: device.os ?? null,
    },
  };
}
