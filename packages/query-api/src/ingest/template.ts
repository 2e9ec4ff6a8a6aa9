import type { Client } from '@elastic/elasticsearch';
import { indexTemplate, INDEX_PATTERN } from '../schema';

/** Puts the index template derived from the schema; idempotent, safe for many workers at once. */
export async function ensureTemplate(client: Client): Promise<void> {
  const { name, ...body } = indexTemplate();
  await client.indices.putIndexTemplate({ name, ...body });
}

/** Makes what was indexed visible to searches now rather than within the refresh interval. */
export async function refreshAuthLog(client: Client): Promise<void> {
  await client.indices.refresh({ index: INDEX_PATTERN, allow_no_indices: true, ignore_unavailable: true });
}
