/**
 * Replicas of an index: a fixed number, or 'auto' for one copy of every shard whenever the cluster
 * has a second data node and none on a single node (which could never place it, so the index would
 * stay yellow). 'auto' is what lets a killed node lose nothing without a setting per cluster size.
 */
export type Replicas = number | 'auto';

/** Elasticsearch's auto-expansion range behind 'auto': as many replicas as other data nodes, at most one. */
export const AUTO_EXPAND_REPLICAS = '0-1';

/** The index settings for a replica choice. */
export function replicaSettings(replicas: Replicas): Record<string, string | number> {
  return replicas === 'auto'
    ? { auto_expand_replicas: AUTO_EXPAND_REPLICAS }
    : { number_of_replicas: replicas, auto_expand_replicas: 'false' };
}
