import type { Client } from '@elastic/elasticsearch';
import {
  INDEX_PATTERN,
  INDEX_PREFIX,
  mappingProperties,
  MAPPING_VERSION,
  READ_ALIAS,
  TEMPLATE_NAME,
} from '../store/mapping';
import { DEFAULT_INDEX_LAYOUT, type IndexLayout } from '../store/index-layout';
import { replicaSettings } from '../store/replicas';

/** Every index of this mapping version: the monthly originals and their rebuilds (`-v1.r2-2026.11`). */
export const MAPPING_VERSION_INDICES = [INDEX_PATTERN, `${INDEX_PREFIX}-v${MAPPING_VERSION}.r*`];

export type TemplateOptions = Partial<IndexLayout>;

/**
 * The composable index template for every monthly auth log index; the layout applies to new months.
 * Here, not in the schema: the schema is browser-safe and the layout is the cluster's business.
 */
export function indexTemplate({
  shards = DEFAULT_INDEX_LAYOUT.shards,
  replicas = DEFAULT_INDEX_LAYOUT.replicas,
}: TemplateOptions = {}) {
  return {
    name: TEMPLATE_NAME,
    index_patterns: [INDEX_PATTERN],
    priority: 100,
    template: {
      settings: {
        number_of_shards: shards,
        ...replicaSettings(replicas),
        analysis: { normalizer: { sightline_lowercase: { type: 'custom', filter: ['lowercase'] } } },
      },
      mappings: {
        dynamic: 'strict',
        properties: mappingProperties(),
      },
      aliases: { [READ_ALIAS]: {} },
    },
    _meta: {
      description: 'Sightline auth log, generated from packages/schema/src/log/fields.ts (@sightline/schema)',
      version: MAPPING_VERSION,
    },
  } as const;
}

/**
 * Puts the index template derived from the schema with the given layout (the caller reads it from
 * its settings, see indexLayoutFromEnv), then the schema's properties onto every existing index of
 * this mapping version; idempotent, safe for many workers at once. The layout applies to months
 * created from now on: an existing index keeps its shards.
 */
export async function ensureTemplate(client: Client, layout: TemplateOptions = {}): Promise<void> {
  const { name, ...body } = indexTemplate(layout);
  await client.indices.putIndexTemplate({ name, ...body });
  await putNewFields(client);
}

/**
 * A template shapes only indices created after it, and the mapping is strict: without this, a
 * record carrying a field added to the schema since its month's index was created would be refused.
 * Optional fields are added in place (Elasticsearch rejects any change to an existing field, so this
 * can only add); a change to an existing field's type is a new MAPPING_VERSION instead. Existing
 * documents simply lack the new fields, which every reader treats as null.
 */
export async function putNewFields(client: Client): Promise<void> {
  await client.indices.putMapping({
    index: MAPPING_VERSION_INDICES,
    allow_no_indices: true,
    ignore_unavailable: true,
    expand_wildcards: 'open',
    properties: mappingProperties() as never,
  });
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
