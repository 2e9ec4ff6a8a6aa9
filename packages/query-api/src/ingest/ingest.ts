import type { Client } from '@elastic/elasticsearch';
import { ingestItems, type IngestItemsOptions } from './run';
import type { TemplateOptions } from '../schema';
import type { IngestSummary } from './summary';
import { ensureTemplate, refreshAuthLog } from './template';
import { esBulkTransport } from './transport';

export interface IngestOptions extends Omit<IngestItemsOptions, 'transport'> {
  /** Refresh at the end so searches see everything at once. */
  refresh?: boolean;
  /** Shards and replicas of months this ingest creates (default: the schema's). */
  layout?: TemplateOptions;
}

/** Template, then records, then (optionally) a refresh: the whole ingest against a cluster. */
export async function ingest(client: Client, options: IngestOptions): Promise<IngestSummary> {
  await ensureTemplate(client, options.layout);
  try {
    return await ingestItems({ ...options, transport: esBulkTransport(client) });
  } finally {
    await options.rejects.close();
    if (options.refresh) await refreshAuthLog(client);
  }
}
