import { FACTORS, FAILURE_REASONS, RESULTS } from '@sightline/schema';
import { READ_ALIAS } from '../../store/mapping';
import type { QualityContext } from './context';

/** The dimensions whose emptiness is measured: who, what and where of an attempt. */
export const DIMENSIONS = ['user.name', 'application.name', 'access_device.location.country_code'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What one customer's records ingested in the window hold, counted once for every record check. */
export interface CustomerTally {
  customer: string;
  records: number;
  empty: Record<Dimension, number>;
  unacceptedResult: number;
  unacceptedFactor: number;
  successWithFailureReason: number;
  /** Txids stored in more than one document (up to DOUBLED_SHOWN of them named). */
  doubled: string[];
}

/** How many doubled txids a run names per customer: enough to investigate, bounded in size. */
export const DOUBLED_SHOWN = 1_000;

interface Count {
  doc_count: number;
}
interface Bucket {
  key: string;
  doc_count: number;
  unaccepted_result: Count;
  unaccepted_factor: Count;
  success_failure_reason: Count;
  doubled: { buckets: { key: string }[] };
  [empty: `empty_${number}`]: Count;
}

/**
 * One request per run for every record check: counts per customer over what was ingested in the
 * window. The accepted sets come from the schema, the single source of truth for them.
 */
export async function tallyRecords(ctx: QualityContext): Promise<CustomerTally[]> {
  const end = ctx.now.getTime();
  const found = await ctx.client.search<unknown, { customers: { buckets: Bucket[] } }>({
    index: READ_ALIAS,
    ignore_unavailable: true,
    size: 0,
    query: {
      bool: {
        filter: [
          {
            range: {
              ingested_at: {
                gt: new Date(end - ctx.thresholds.windowMs).toISOString(),
                lte: ctx.now.toISOString(),
              },
            },
          },
          ...(ctx.customerPrefix ? [{ prefix: { customer_id: ctx.customerPrefix } }] : []),
        ],
      },
    },
    aggs: {
      customers: {
        terms: { field: 'customer_id', size: 10_000 },
        aggs: {
          ...Object.fromEntries(DIMENSIONS.map((field, i) => [`empty_${i}`, { missing: { field } }])),
          unaccepted_result: { filter: { bool: { must_not: { terms: { result: [...RESULTS] } } } } },
          unaccepted_factor: {
            filter: {
              bool: {
                filter: { exists: { field: 'factor' } },
                must_not: { terms: { factor: [...FACTORS] } },
              },
            },
          },
          success_failure_reason: {
            filter: {
              bool: {
                filter: [{ term: { result: 'success' } }, { terms: { reason: [...FAILURE_REASONS] } }],
              },
            },
          },
          // A txid is the document id, so two documents with one txid lie in two indices: the same
          // attempt re-sent with another event time (another month's index) or another version.
          doubled: { terms: { field: 'txid', min_doc_count: 2, size: DOUBLED_SHOWN } },
        },
      },
    },
  });
  return (found.aggregations?.customers.buckets ?? []).map((b) => ({
    customer: b.key,
    records: b.doc_count,
    empty: Object.fromEntries(DIMENSIONS.map((d, i) => [d, b[`empty_${i}`]?.doc_count ?? 0])) as Record<
      Dimension,
      number
    >,
    unacceptedResult: b.unaccepted_result.doc_count,
    unacceptedFactor: b.unaccepted_factor.doc_count,
    successWithFailureReason: b.success_failure_reason.doc_count,
    doubled: b.doubled.buckets.map((d) => d.key),
  }));
}
