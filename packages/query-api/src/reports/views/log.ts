import type { AuthLogRecord } from '../../schema';
import { decodeCursor, encodeCursor, type SortValue } from '../cursor';
import type { LogView, NormalizedReportDefinition } from '../definition';
import { totalHits, type EsSearchResponse, type SearchBody } from '../es-types';
import { compileLogQuery, type LogQuery } from '../log-query';
import type { LogResult } from '../result';

/** What parsing a page needs to know about how it was asked for. */
export interface LogPlan {
  fingerprint: string;
  from: number;
  to: number;
  /** Known from the cursor on later pages; counted by Elasticsearch on the first. */
  total: number | null;
}

export function compileLog(
  def: NormalizedReportDefinition<LogView>,
  tenant: string,
  now: Date,
): { query: LogQuery; body: SearchBody; plan: LogPlan } {
  const first = compileLogQuery(def, tenant, now);
  const cursor = def.view.cursor ? decodeCursor(def.view.cursor, first.fingerprint, first.sort.length) : null;
  const query = cursor ? compileLogQuery(def, tenant, now, cursor) : first;
  const body: SearchBody = {
    query: query.query,
    sort: query.sort,
    _source: query._source,
    // One extra row tells whether another page exists without a second request.
    size: def.view.pageSize + 1,
    track_total_hits: cursor ? false : true,
    ...(cursor ? { search_after: cursor.after } : {}),
  };
  const plan = {
    fingerprint: query.fingerprint,
    from: query.range.from,
    to: query.range.to,
    total: cursor?.total ?? null,
  };
  return { query, body, plan };
}

export function parseLog(view: LogView, response: EsSearchResponse, plan: LogPlan): Omit<LogResult, 'meta'> {
  const hits = response.hits.hits;
  const page = hits.slice(0, view.pageSize);
  const total = plan.total ?? totalHits(response);
  const last = page[page.length - 1];
  const nextCursor =
    hits.length > view.pageSize && last?.sort
      ? encodeCursor({
          after: last.sort as SortValue[],
          from: plan.from,
          to: plan.to,
          total,
          fingerprint: plan.fingerprint,
        })
      : null;
  return { view: 'log', rows: page.map((h) => h._source as AuthLogRecord), total, nextCursor };
}
