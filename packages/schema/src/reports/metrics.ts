export const METRICS = ['count', 'distinct_users', 'distinct_ips', 'failure_rate'] as const;
/** count: attempts; distinct_*: approximate distinct values; failure_rate: failed / all, 0..1. */
export type Metric = (typeof METRICS)[number];

/** A sum over parts equals the whole: such metrics can have an "other" remainder. */
export function isAdditive(metric: Metric): boolean {
  return metric === 'count' || metric === 'failure_rate';
}

/** How each metric is named in charts, tables and the dashboard's builder. */
export const METRIC_LABELS: { readonly [M in Metric]: string } = {
  count: 'Attempts',
  distinct_users: 'Distinct users',
  distinct_ips: 'Distinct IPs',
  failure_rate: 'Failure rate',
};
