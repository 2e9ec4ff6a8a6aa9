import type { estypes } from '@elastic/elasticsearch';
import { compileFilter } from './filters/compile';
import type { FilterNode, ResolvedRange } from '@sightline/schema/reports';

/**
 * The query every report runs: the authenticated tenant AND the time window AND the definition's filters.
 * The tenant comes from the caller's credentials, never from the definition; the definition's tree is
 * one more conjunct, so no filter (or/not included) can widen the result beyond the tenant.
 */
export function scopedQuery(
  tenant: string,
  range: Pick<ResolvedRange, 'from' | 'to'>,
  filters?: FilterNode,
): estypes.QueryDslQueryContainer {
  if (!tenant) throw new Error('a report needs a tenant');
  return {
    bool: {
      filter: [
        { term: { customer_id: tenant } },
        { range: { ts: { gte: range.from, lt: range.to, format: 'epoch_millis' } } },
        ...(filters ? [compileFilter(filters)] : []),
      ],
    },
  };
}
