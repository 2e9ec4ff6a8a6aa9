import type { Client } from '@elastic/elasticsearch';
import { ingestItems, type IngestItemsOptions } from './run';
import type { TemplateOptions } from './template';
import type { IngestSummary } from './summary';
import { ensureTemplate, refreshAuthLog } from './template';
import { esBulkTransport } from './transport';
import { ensureLoadLogFields, LOAD_LOG_INDEX, recordLoad } from '../pipeline/load-log';
import { conflictJudge } from './conflicts';
import { writeAliasForTimestamp } from '../versions/names';
import { WritablePeriods } from '../versions/write-alias';

export interface IngestOptions extends Omit<IngestItemsOptions, 'transport'> {
  /** Refresh at the end so searches see everything at once. */
  refresh?: boolean;
  /** Shards and replicas of months this ingest creates (default: the schema's). */
  layout?: TemplateOptions;
  /**
   * The stream this ingest is recorded under in the load log (a file's name), as one batch, once
   * every record is stored: what is computed downstream (summaries) learns of it there. Default:
   * `ingest/<start time>`. `false` only for ingests into indices of their own (benchmarks).
   */
  loadLog?: { stream: string } | false;
}

/** Template, then records, then (optionally) a refresh: the whole ingest against a cluster. */
export async function ingest(client: Client, options: IngestOptions): Promise<IngestSummary> {
  await ensureTemplate(client, options.layout);
  const started = new Date().toISOString();
  const stream = (options.loadLog !== false && options.loadLog?.stream) || `ingest/${started}`;
  try {
    // Written through each month's write alias (the version in use) unless the caller names indices.
    const writable = options.indexName ? null : new WritablePeriods(client);
    const summary = await ingestItems({
      ...options,
      transport: esBulkTransport(client),
      onExisting: conflictJudge(client, (item) => ({ stream, position: String(item.line) })),
      ...(writable
        ? { indexName: writeAliasForTimestamp, beforeMonth: (ts: string) => writable.ensure([ts]) }
        : {}),
    });
    if (options.loadLog !== false) await recordFileLoad(client, stream, summary, options.refresh);
    return summary;
  } finally {
    await options.rejects.close();
    if (options.refresh) await refreshAuthLog(client);
  }
}

/** A file ingest's entry in the load log: its lines as the position range, the whole file one batch. */
async function recordFileLoad(
  client: Client,
  stream: string,
  s: IngestSummary,
  refresh = false,
): Promise<void> {
  await ensureLoadLogFields(client);
  await recordLoad(client, {
    '@timestamp': new Date().toISOString(),
    loader: 'file',
    stream,
    from: '1',
    to: String(s.read),
    ...(s.eventFrom && s.eventTo ? { event_from: s.eventFrom, event_to: s.eventTo } : {}),
    ...(s.ingestedFrom && s.ingestedTo ? { ingested_from: s.ingestedFrom, ingested_to: s.ingestedTo } : {}),
    read: s.read,
    stored: s.indexed - s.duplicates - s.conflicts,
    duplicates: s.duplicates,
    conflicts: s.conflicts,
    flagged: s.flagged,
    rejected: s.rejected,
    duration_ms: Math.round(s.seconds * 1000),
  });
  // "Everything at once" includes the entry: readers of the load log see the load with its records.
  if (refresh) await client.indices.refresh({ index: LOAD_LOG_INDEX });
}
