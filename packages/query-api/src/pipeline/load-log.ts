import type { Client } from '@elastic/elasticsearch';

/**
 * The load log: one document per batch committed by any loader (the firehose sink, the MySQL
 * batcher, a file ingest). Downstream computations advance by its ingestion-time watermarks, and
 * the pipeline health (cursors, last batch, rejects) is read from it.
 */
export const LOAD_LOG_INDEX = 'sightline-loadlog';

export interface LoadLogEntry {
  /** When the batch was committed. */
  '@timestamp': string;
  /** Which loader: the firehose sink, the MySQL batcher or a file ingest. */
  loader: 'sink' | 'batcher' | 'file';
  /** What it read: `sightline.authlog/3` (topic/partition), `mysql/sightline_shard_0`, a file name. */
  stream: string;
  /** Position range of the batch at its source: offsets, row ids or line numbers, inclusive. */
  from: string;
  to: string;
  /** Event-time range of the records in the batch (absent when none was usable). */
  event_from?: string;
  event_to?: string;
  /** Ingestion-time range stamped on the stored records. */
  ingested_from?: string;
  ingested_to?: string;
  read: number;
  stored: number;
  /** Records whose txid was already stored (re-delivery or replay). */
  duplicates: number;
  flagged: number;
  rejected: number;
  duration_ms: number;
}

/** Created explicitly: a single node could never place the replica auto-creation would ask for. */
export async function ensureLoadLog(client: Client): Promise<void> {
  const exists = await client.indices.exists({ index: LOAD_LOG_INDEX });
  if (exists) return;
  await client.indices.create(
    {
      index: LOAD_LOG_INDEX,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        dynamic: 'strict',
        properties: {
          '@timestamp': { type: 'date' },
          loader: { type: 'keyword' },
          stream: { type: 'keyword' },
          from: { type: 'keyword' },
          to: { type: 'keyword' },
          event_from: { type: 'date' },
          event_to: { type: 'date' },
          ingested_from: { type: 'date' },
          ingested_to: { type: 'date' },
          read: { type: 'long' },
          stored: { type: 'long' },
          duplicates: { type: 'long' },
          flagged: { type: 'long' },
          rejected: { type: 'long' },
          duration_ms: { type: 'long' },
        },
      },
    },
    { ignore: [400] },
  );
}

/** Appends one entry; its id is stream and range, so a batch recorded twice (a retry) is stored once. */
export async function recordLoad(client: Client, entry: LoadLogEntry): Promise<void> {
  await client.index({
    index: LOAD_LOG_INDEX,
    id: `${entry.loader}:${entry.stream}:${entry.from}-${entry.to}`,
    document: entry,
  });
}
