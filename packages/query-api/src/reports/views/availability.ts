import type { estypes } from '@elastic/elasticsearch';
import { authLogFields, type FieldName } from '@sightline/schema';
import type { EsSearchResponse, SearchBody } from '../es-types';
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

/**
 * One search per required field: does any record in the window (the definition's filters aside)
 * carry it? Each stops at its first match. Counted as aggregations of the ranking pass instead, every
 * record in the window was tested for every field: at 20M records, four such counts took as long as
 * the risky-IPs ranking itself, to learn what the first match already says.
 */
export function presenceProbes(
  fields: readonly FieldName[],
  scope: estypes.QueryDslQueryContainer,
  carries: (field: FieldName) => estypes.QueryDslQueryContainer = (field) => ({ exists: { field } }),
): SearchBody[] {
  return fields.map((field) => ({
    size: 0,
    track_total_hits: true,
    terminate_after: 1,
    request_cache: true,
    query: { bool: { filter: [scope, carries(field)] } },
  }));
}

/** The required fields no record in the window carries, from the answers to their presence probes. */
export function missingFields(
  fields: readonly FieldName[],
  presence: readonly EsSearchResponse[],
): FieldName[] {
  // narrow() has checked that every probe has its answer.
  return fields.filter((field, i) => {
    const total = presence[i]!.hits.total;
    if (total === undefined) throw new Error(`the presence probe of ${field} answered without a total`);
    return (typeof total === 'number' ? total : total.value) === 0;
  });
}
