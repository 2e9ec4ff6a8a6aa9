import type { estypes } from '@elastic/elasticsearch';
import { authLogFields, type FieldName } from '@sightline/schema';
import { SEARCH_SUBFIELD } from '../../store/mapping';
import {
  type FilterLeaf,
  type FilterNode,
  SEARCHABLE_FIELDS,
  type TextSearch,
} from '@sightline/schema/reports';

type Query = estypes.QueryDslQueryContainer;

/** Tri-state fields are stored as the keywords "true" / "false" / "unknown". */
function stored(value: string | number | boolean, tristate: boolean): string | number | boolean {
  return tristate ? String(value) : value;
}

/** Wildcard metacharacters in user input are literal text. */
function escapeWildcard(text: string): string {
  return text.replace(/[\\*?]/g, (c) => `\\${c}`);
}

function compileLeaf(leaf: FilterLeaf): Query {
  const tri = authLogFields[leaf.field as FieldName].kind === 'tristate';
  switch (leaf.op) {
    case 'eq':
      return { term: { [leaf.field]: stored(leaf.value, tri) } };
    case 'not':
      return { bool: { must_not: [{ term: { [leaf.field]: stored(leaf.value, tri) } }] } };
    case 'in':
      return { terms: { [leaf.field]: leaf.values.map((v) => stored(v, tri)) } };
    case 'exists':
      return leaf.value === false
        ? { bool: { must_not: [{ exists: { field: leaf.field } }] } }
        : { exists: { field: leaf.field } };
    case 'range':
      return {
        range: {
          [leaf.field]: {
            ...(leaf.gte !== undefined ? { gte: leaf.gte } : {}),
            ...(leaf.lte !== undefined ? { lte: leaf.lte } : {}),
          },
        },
      };
    case 'search': {
      const field = `${leaf.field}.${SEARCH_SUBFIELD}`;
      const text = leaf.value.trim().toLowerCase();
      if (leaf.match === 'prefix') return { prefix: { [field]: { value: text } } };
      return contains(field, text);
    }
  }
}

function contains(field: string, lowerText: string): Query {
  return { wildcard: { [field]: { value: `*${escapeWildcard(lowerText)}*` } } };
}

/** Any of the fields contains the text. */
function compileText(node: TextSearch): Query {
  const text = node.text.trim().toLowerCase();
  const fields = node.fields ?? SEARCHABLE_FIELDS;
  return {
    bool: {
      should: fields.map((f) => contains(`${f}.${SEARCH_SUBFIELD}`, text)),
      minimum_should_match: 1,
    },
  };
}

/** Compiles a validated filter tree into an Elasticsearch query (non-scoring: filters only). */
export function compileFilter(node: FilterNode): Query {
  if ('and' in node) return { bool: { filter: node.and.map((n) => compileFilter(n)) } };
  if ('or' in node)
    return {
      bool: { should: node.or.map((n) => compileFilter(n)), minimum_should_match: 1 },
    };
  if ('not' in node) return { bool: { must_not: [compileFilter(node.not)] } };
  if ('text' in node) return compileText(node);
  return compileLeaf(node);
}
