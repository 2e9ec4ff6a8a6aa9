import type { Client, estypes } from '@elastic/elasticsearch';
import { replicaSettings } from './replicas';

/**
 * Creates one of Sightline's small bookkeeping indices (audit, export slots, rate-limit counters,
 * findings, quality results) the first time it is needed, with one primary and 'auto' replicas: none
 * on a single node (which could never place the replica auto-creation would ask for), one as soon as
 * the cluster has a second data node, so a killed node loses nothing. Many instances may race to
 * create it: losing the race is fine. A failed creation is tried again on the next call.
 */
export function ownIndexCreator(
  es: Client,
  index: string,
  mappings: estypes.MappingTypeMapping,
): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= es.indices
      .create({ index, mappings, settings: { number_of_shards: 1, ...replicaSettings('auto') } })
      .then(
        () => undefined,
        (error: unknown) => {
          if (isAlreadyExists(error)) return;
          ready = undefined;
          throw error;
        },
      );
    return ready;
  };
}

export function isAlreadyExists(error: unknown): boolean {
  const body = (error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body;
  return body?.error?.type === 'resource_already_exists_exception';
}
