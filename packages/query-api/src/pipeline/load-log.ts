import type { Client } from '@elastic/elasticsearch';
import { replicaSettings } from '../store/replicas';

/**
 * The load log: one document per batch committed by any loader (the firehose sink, the MySQL
 * batcher, a file ingest). Downstream computations advance by its ingestion-time watermarks, and
 * the pipeline health (cursors, last batch, rejects) is read from it.
 */
export const LOAD_LOG_INDEX = 'sightline-loadlog';

export interface LoadLogEntry {
  /** When the batch was committed. */
  '@timestamp': string;
  /**
   * Which loader: the firehose sink, the MySQL batcher or a file ingest; or 'version' when a period
   * was switched to another version (from and to name the versions, event_from and event_to the
   * period), so whatever derives from the raw log recomputes that period; or 'archive' for a segment
   * of the raw archive (stream `archive/<source stream>`), which stores no record in the auth log.
   */
  loader: 'sink' | 'batcher' | 'file' | 'version' | 'archive';
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
  /** Records whose txid was already stored with the same content (re-delivery or replay). */
  duplicates: number;
  /**
   * Records whose txid was already stored with other content: the stored copy kept, the new one set
   * aside in sightline-conflicts. Absent from entries written before it was counted.
   */
  conflicts?: number;
  flagged: number;
  rejected: number;
  duration_ms: number;
  /** An archive segment's path, relative to the archive's root. */
  segment?: string;
  /** An archive segment's size on disk. */
  bytes?: number;
}

/** Fields added after the load log was first made: put on an existing index by ensureLoadLogFields. */
const ADDED_FIELDS = {
  segment: { type: 'keyword' },
  bytes: { type: 'long' },
  conflicts: { type: 'long' },
} as const;

/**
 * Created explicitly: a single node could never place the replica auto-creation would ask for, and
 * a cluster should keep one ('auto' replicas), so a killed node loses no load entry.
 */
export async function ensureLoadLog(client: Client): Promise<void> {
  const exists = await client.indices.exists({ index: LOAD_LOG_INDEX });
  if (exists) return;
  await client.indices.create(
    {
      index: LOAD_LOG_INDEX,
      settings: { number_of_shards: 1, ...replicaSettings('auto') },
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
          ...ADDED_FIELDS,
        },
      },
    },
    { ignore: [400] },
  );
}

/** The load log with every field of today's entries, also when it was made by an older version. */
export async function ensureLoadLogFields(client: Client): Promise<void> {
  await ensureLoadLog(client);
  await client.indices.putMapping({ index: LOAD_LOG_INDEX, properties: ADDED_FIELDS });
}

/**
 * The id of an entry: stream and range, so a batch recorded twice (a retry) is stored once; and an
 * archive segment's path, as two ingests of one file name are two segments.
 */
function entryId(entry: LoadLogEntry): string {
  const segment = entry.segment === undefined ? '' : `:${entry.segment}`;
  return `${entry.loader}:${entry.stream}:${entry.from}-${entry.to}${segment}`;
}

/** Appends one entry. */
export async function recordLoad(client: Client, entry: LoadLogEntry): Promise<void> {
  await recordLoads(client, [entry]);
}

/**
 * Appends the entries of one batch (one per partition or shard) in a single request: a request
 * per entry would cost the sink a round trip and a translog sync for each partition it read.
 * Throws when Elasticsearch did not store every entry.
 */
export async function recordLoads(client: Client, entries: readonly LoadLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const response = await client.bulk({
    index: LOAD_LOG_INDEX,
    operations: entries.flatMap((entry) => [{ index: { _id: entryId(entry) } }, entry]),
    filter_path: 'errors,items.*.error,items.*.status',
  });
  if (!response.errors) return;
  const failed = response.items.flatMap((item) => Object.values(item)).find((r) => r?.error)!;
  const message = `the load log refused an entry: ${failed.error?.type ?? 'error'}: ${failed.error?.reason ?? 'no reason given'}`;
  // Too many requests is a reason to retry; any other 4xx is a refusal that retrying cannot change.
  if (failed.status >= 400 && failed.status < 500 && failed.status !== 429) {
    throw new LoadLogRefusedError(message);
  }
  throw new Error(message);
}

/** Elasticsearch refused a load-log entry for what it holds (not for being busy). */
export class LoadLogRefusedError extends Error {
  override name = 'LoadLogRefusedError';
}
