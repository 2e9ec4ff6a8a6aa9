import type { estypes } from '@elastic/elasticsearch';
import { authLogFields, type FieldName } from '@sightline/schema';
import type { EsSearchResponse } from '../es-types';
import type { FilterNode } from '@sightline/schema/reports';

/**
 * Fields a definition cannot be answered without: the field it groups by and every field a filter
 * compares positively (eq, in, range, search). When none of the customer's records in the window carry
 * one of them (Duo records have no IP reputation), an empty result would read as "none found"; the
 * result says "not available for this data" instead.
 */
export function requiredFields(groupBy: FieldName, filters: FilterNode | undefined): FieldName[] {
  const fields = new Set<FieldName>([groupBy]);
  const walk = (node: FilterNode): void => {
    if ('and' in node) node.and.forEach(walk);
    else if ('or' in node) node.or.forEach(walk);
    else if ('not' in node) return;
    // Text over several fields needs none of them in particular.
    else if ('text' in node) return;
    else if (node.op !== 'not' && node.op !== 'exists') fields.add(node.field);
  };
  if (filters) walk(filters);
  // A field every record carries is always available.
  return [...fields].filter((f) => authLogFields[f].nullable);
}

const presenceName = (i: number) => `present_${i}`;

/** One count per required field of the records in the window (the definition's filters aside) that carry it. */
export function presenceAggs(
  fields: readonly FieldName[],
  carries: (field: FieldName) => estypes.QueryDslQueryContainer = (field) => ({ exists: { field } }),
): Record<string, estypes.AggregationsAggregationContainer> {
  return Object.fromEntries(fields.map((field, i) => [presenceName(i), { filter: carries(field) }]));
}

/** The required fields no record in the window carries. */
export function missingFields(fields: readonly FieldName[], response: EsSearchResponse): FieldName[] {
  return fields.filter((_, i) => {
    const agg = response.aggregations?.[presenceName(i)] as { doc_count: number } | undefined;
    return agg !== undefined && agg.doc_count === 0;
  });
}
