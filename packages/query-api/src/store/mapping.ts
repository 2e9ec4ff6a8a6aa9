import { authLogFields, fieldNames, type FieldKind, type FieldName, type FieldSpec } from '@sightline/schema';

/** Index layout: one concrete index per month of event time, all behind one read alias. */
export const INDEX_PREFIX = 'sightline-authlog';
/**
 * Bumped when an existing field's mapping changes: a new version is created and the alias switched,
 * never rewritten in place. A new optional field is no such change: ensureTemplate adds it to the
 * existing indices of this version (see putNewFields), and older documents read it as null.
 */
export const MAPPING_VERSION = 1;
export const READ_ALIAS = INDEX_PREFIX;
/** Sub-field of searchable keywords holding the lower-cased value. */
export const SEARCH_SUBFIELD = 'lower';
export const TEMPLATE_NAME = `${INDEX_PREFIX}-v${MAPPING_VERSION}`;
export const INDEX_PATTERN = `${INDEX_PREFIX}-v${MAPPING_VERSION}-*`;

/** The concrete index a record belongs to, from its event time: re-ingest always lands in the same place. */
export function indexForTimestamp(ts: string | number | Date): string {
  const d = new Date(ts);
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${INDEX_PREFIX}-v${MAPPING_VERSION}-${d.getUTCFullYear()}.${month}`;
}

type EsProperty = Record<string, unknown>;

const kindMappings: Record<FieldKind, EsProperty> = {
  keyword: { type: 'keyword', ignore_above: 1024 },
  'keyword[]': { type: 'keyword', ignore_above: 1024 },
  long: { type: 'long' },
  date: { type: 'date', format: 'strict_date_optional_time||epoch_millis' },
  // Malformed addresses are evidence (spoofed clients): keep the document, the raw value stays in _source.
  ip: { type: 'ip', ignore_malformed: true },
  boolean: { type: 'boolean' },
  // "unknown" must stay distinct from false, so tri-state values are keywords: "true" | "false" | "unknown".
  tristate: { type: 'keyword' },
  geo_point: { type: 'geo_point', ignore_malformed: true },
};

function propertyFor(spec: FieldSpec, searchSubfield: boolean): EsProperty {
  const base = { ...kindMappings[spec.kind] };
  if (spec.searchable && searchSubfield) {
    // Free-text search is a case-insensitive wildcard over this lower-cased twin: the terms of these
    // fields (user names, applications, hosts) number in the thousands, so the scan stays cheap.
    return {
      ...base,
      fields: {
        [SEARCH_SUBFIELD]: { type: 'keyword', normalizer: 'sightline_lowercase', ignore_above: 1024 },
      },
    };
  }
  return base;
}

/**
 * The mapping's `properties` for `names` (every field by default), nested as Elasticsearch expects
 * for dotted paths. Indices derived from the records (summaries) map their fields the same way,
 * without the search twins they never search.
 */
export function mappingProperties(
  names: readonly FieldName[] = fieldNames,
  { searchSubfields = true }: { searchSubfields?: boolean } = {},
): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const name of names) {
    const parts = name.split('.');
    let node = props;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= { properties: {} };
      node = (node[part] as { properties: Record<string, unknown> }).properties;
    }
    node[parts[parts.length - 1]!] = propertyFor(authLogFields[name], searchSubfields);
  }
  return props;
}
