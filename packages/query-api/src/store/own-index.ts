import type { Client, estypes } from '@elastic/elasticsearch';

/**
 * Creates one of Sightline's small bookkeeping indices (audit, export slots, rate-limit counters)
 * the first time it is needed, with one primary and no replica (a single node could never place
 * the replica auto-creation would ask for). Many instances may race to create it: losing the race
 * is fine. A failed creation is tried again on the next call.
 */
export function ownIndexCreator(
  es: Client,
  index: string,
  mappings: estypes.MappingTypeMapping,
): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= es.indices
      .create({ index, mappings, settings: { number_of_shards: 1, number_of_replicas: 0 } })
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
