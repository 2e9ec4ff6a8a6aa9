import type { Client } from '@elastic/elasticsearch';
import { indexTemplate, INDEX_PATTERN, READ_ALIAS, type TemplateOptions } from '../schema';

/**
 * Puts the index template derived from the schema with the given layout (the caller reads it from
 * its settings, see indexLayoutFromEnv); idempotent, safe for many workers at once. The layout
 * applies to months created from now on: an existing index keeps its shards.
 */
export async function ensureTemplate(client: Client, layout: TemplateOptions = {}): Promise<void> {
  const { name, ...body } = indexTemplate(layout);
  await client.indices.putIndexTemplate({ name, ...body });
}

/** Makes what was indexed visible to searches now rather than within the refresh interval. */
export async function refreshAuthLog(client: Client): Promise<void> {
  // The read alias too: a month switched to a rebuilt version is held by an index outside the pattern.
  await client.indices.refresh({
    index: [INDEX_PATTERN, READ_ALIAS],
    allow_no_indices: true,
    ignore_unavailable: true,
  });
}
