import type { Client } from '@elastic/elasticsearch';
import { ensureLoadLog, recordLoad, type LoadLogEntry } from '../load-log';
import type { CommittedBatch } from './batcher';

/** The load-log entry of a batch the batcher published: every row read went onto the firehose. */
export function batchEntry(batch: CommittedBatch): LoadLogEntry {
  return {
    '@timestamp': batch.committedAt.toISOString(),
    loader: 'batcher',
    stream: batch.stream,
    from: batch.from.toString(),
    to: batch.to.toString(),
    read: batch.rows,
    stored: batch.rows,
    duplicates: 0,
    flagged: 0,
    rejected: 0,
    duration_ms: Math.round(batch.durationMs),
  };
}

/**
 * Records committed batches in the load log. Elasticsearch being away must not hold the firehose
 * back, so a failed entry is reported (at most once a minute) and dropped; the cursor in the shard,
 * not the load log, is what the batcher resumes from.
 */
export function loadLogRecorder(client: Client, warn: (message: string) => void) {
  let ensured = false;
  let lastWarning = 0;
  return async (batch: CommittedBatch): Promise<void> => {
    try {
      if (!ensured) {
        await ensureLoadLog(client);
        ensured = true;
      }
      await recordLoad(client, batchEntry(batch));
    } catch (error) {
      if (Date.now() - lastWarning >= 60_000) {
        lastWarning = Date.now();
        warn(`load log not written (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  };
}
