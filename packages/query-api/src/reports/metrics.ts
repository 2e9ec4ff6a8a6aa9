import type { estypes } from '@elastic/elasticsearch';
import { FAILED_RESULTS } from '@sightline/schema';
import type { Metric } from '@sightline/schema/reports';

const DISTINCT_FIELD = { distinct_users: 'user.name', distinct_ips: 'access_device.ip' } as const;
/** Distinct counts are exact below this many values per bucket, HyperLogLog++ estimates above. */
const PRECISION_THRESHOLD = 3000;

/** The sub-aggregations a bucket needs to compute the metric. */
export function metricAggs(metric: Metric): Record<string, estypes.AggregationsAggregationContainer> {
  switch (metric) {
    case 'count':
      return {};
    case 'distinct_users':
    case 'distinct_ips':
      return {
        distinct: {
          cardinality: { field: DISTINCT_FIELD[metric], precision_threshold: PRECISION_THRESHOLD },
        },
      };
    case 'failure_rate':
      return { failed: { filter: { terms: { result: [...FAILED_RESULTS] } } } };
  }
}

/** How terms buckets are ranked for the metric (ties broken by key, so results are stable). */
export function metricOrder(metric: Metric): Record<string, estypes.SortOrder>[] {
  return metric === 'distinct_users' || metric === 'distinct_ips'
    ? [{ distinct: 'desc' }, { _key: 'asc' }]
    : [{ _count: 'desc' }, { _key: 'asc' }];
}

/** The additive parts of a metric in one bucket; `distinct` is null where it cannot be known. */
export interface MetricCell {
  count: number;
  failed: number;
  distinct: number | null;
}

/** The shape of a bucket as Elasticsearch returns it, as far as metrics read it. */
export interface MetricBucket {
  doc_count: number;
  failed?: { doc_count: number };
  distinct?: { value: number };
}

export function readCell(bucket: MetricBucket): MetricCell {
  return {
    count: bucket.doc_count,
    failed: bucket.failed?.doc_count ?? 0,
    distinct: bucket.distinct?.value ?? null,
  };
}

export function metricValue(metric: Metric, cell: MetricCell): number {
  switch (metric) {
    case 'count':
      return cell.count;
    case 'distinct_users':
    case 'distinct_ips':
      return cell.distinct ?? 0;
    case 'failure_rate':
      return cell.count > 0 ? cell.failed / cell.count : 0;
  }
}

/** What is left of `total` after `parts`: only meaningful for additive metrics. */
export function remainder(total: MetricCell, parts: MetricCell[]): MetricCell {
  // A plain loop: this runs once per time bucket of every stacked series.
  let count = 0;
  let failed = 0;
  for (const part of parts) {
    count += part.count;
    failed += part.failed;
  }
  return {
    count: Math.max(0, total.count - count),
    failed: Math.max(0, total.failed - failed),
    distinct: null,
  };
}
