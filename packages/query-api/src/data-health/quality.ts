import type { estypes } from '@elastic/elasticsearch';
import { QUALITY_INDEX, worstFirst } from '../pipeline/quality/store';
import type { CheckResult } from '../pipeline/quality/types';
import { MAX_QUALITY_CHECKS, QUALITY_HISTORY_LIMIT } from '@sightline/schema/api';
import type { HealthRange } from './params';
import type { DataHealthQuality, QualityCheck } from '@sightline/schema/api-schemas';

/** Quality results about one customer name it so; the rest are about load-log streams. */
const CUSTOMER_SOURCE = 'customer:';

/**
 * Which results a request sees: every one for an admin naming no customer; with a customer named,
 * the streams' (they carry every customer's records) and that customer's own, never another's.
 */
export function qualityScope(customer: string | null): estypes.QueryDslQueryContainer[] {
  if (customer === null) return [];
  return [
    {
      bool: {
        should: [
          { bool: { must_not: [{ prefix: { source: CUSTOMER_SOURCE } }] } },
          { term: { source: `${CUSTOMER_SOURCE}${customer}` } },
        ],
        minimum_should_match: 1,
      },
    },
  ];
}

/** One search: per check, source and subject, its results in the range, newest first. */
export function qualityRequest(range: HealthRange, customer: string | null): estypes.SearchRequest {
  return {
    index: QUALITY_INDEX,
    ignore_unavailable: true,
    size: 0,
    track_total_hits: false,
    query: {
      bool: {
        filter: [
          { range: { at: { gt: range.from.toISOString(), lte: range.to.toISOString() } } },
          ...qualityScope(customer),
        ],
      },
    },
    aggs: {
      checks: {
        composite: {
          size: MAX_QUALITY_CHECKS,
          sources: [
            { check: { terms: { field: 'check' } } },
            { source: { terms: { field: 'source' } } },
            { subject: { terms: { field: 'subject' } } },
          ],
        },
        aggs: { history: { top_hits: { size: QUALITY_HISTORY_LIMIT, sort: [{ at: { order: 'desc' } }] } } },
      },
    },
  };
}

interface CheckBucket {
  history: { hits: { hits: { _source?: CheckResult }[] } };
}
interface QualityAggs {
  checks: { buckets: CheckBucket[]; after_key?: unknown };
}

/** The checks with their latest result and history, worst first, from qualityRequest's answer. Pure. */
export function parseQuality(response: { aggregations?: unknown }, range: HealthRange): DataHealthQuality {
  const aggs = response.aggregations as QualityAggs | undefined;
  const buckets = aggs?.checks.buckets ?? [];
  const checks = buckets.flatMap((b): QualityCheck[] => {
    const results = b.history.hits.hits.map((h) => h._source!).filter(Boolean);
    const latest = results[0];
    if (!latest) return [];
    return [
      {
        ...latest,
        at: new Date(latest.at).toISOString(),
        history: results.map((r) => ({
          at: new Date(r.at).toISOString(),
          status: r.status,
          measured: r.measured,
          threshold: r.threshold,
        })),
      },
    ];
  });
  checks.sort(worstFirst);
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) counts[c.status] += 1;
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    counts,
    checks,
    truncated: buckets.length >= MAX_QUALITY_CHECKS,
  };
}
