import type { Client, estypes } from '@elastic/elasticsearch';
import type { FindingAuditQuery } from './audit-params';
import type { FindingAuditEntry, FindingAuditPage } from '@sightline/schema/api';

/**
 * One page of the findings audit, newest change first; `customer` undefined reads every customer's
 * (admin tokens only: the route checks). The index is created with the findings' (EsFindingStore).
 */
export async function listFindingAudit(
  es: Client,
  index: string,
  query: FindingAuditQuery,
): Promise<FindingAuditPage> {
  const filter: estypes.QueryDslQueryContainer[] = [];
  if (query.customer) filter.push({ term: { customer: query.customer } });
  if (query.token) filter.push({ term: { token: query.token } });
  if (query.user) filter.push({ term: { user: query.user } });
  if (query.finding) filter.push({ term: { finding: query.finding } });
  if (query.from || query.to)
    filter.push({
      range: { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } },
    });
  const response = await es.search<FindingAuditEntry>({
    index,
    size: query.limit,
    track_total_hits: false,
    query: { bool: { filter } },
    sort: [{ at: 'desc' }, { id: 'desc' }],
    ...(query.after ? { search_after: query.after } : {}),
  });
  const hits = response.hits.hits;
  const entries = hits.flatMap((h) => (h._source ? [h._source] : []));
  const last = hits[hits.length - 1];
  const next =
    hits.length === query.limit && last?.sort
      ? Buffer.from(JSON.stringify(last.sort)).toString('base64url')
      : null;
  return { entries, next };
}
