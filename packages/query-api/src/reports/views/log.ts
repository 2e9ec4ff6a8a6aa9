import type { estypes } from '@elastic/elasticsearch';
import type { AuthLogRecord } from '@sightline/schema';
import {
  type CursorKey,
  decodeCursor,
  encodeCursor,
  type LogCursor,
  type LogResult,
  type LogView,
  type NormalizedReportDefinition,
  type SortValue,
} from '@sightline/schema/reports';
import { aggregation, totalHits, type EsSearchResponse, type SearchBody } from '../es-types';
import { compileLogQuery, type LogQuery } from '../log-query';

/** What parsing a page needs to know about how it was asked for. */
export interface LogPlan {
  /** The customer the next page's cursor is sealed for. */
  tenant: string;
  fingerprint: string;
  from: number;
  to: number;
  /** Known from the cursor on later pages; counted by Elasticsearch on the first. */
  total: number | null;
}

/**
 * A cheap first search that bounds the page's time window. Sorting by time with the `txid`
 * tiebreaker stops Elasticsearch from skipping documents that cannot make the page (its sort
 * optimisation works on a lone numeric sort), so on a million records the first page of the log costs
 * ~150-250 ms. Sorted by `ts` alone the same page costs ~30 ms: the probe asks for that, and the
 * `ts` of its last row bounds the real search, which then touches only the rows of one page.
 */
export interface LogProbe {
  body: SearchBody;
  order: 'asc' | 'desc';
  /**
   * Sent beside the probe when summaries can count the page's records (withSummaryCount): the
   * total, which the probe then leaves uncounted.
   */
  count?: { index: string; body: SearchBody };
}

const TOTAL = 'total';

/**
 * The first page's probe with its total counted from summaries instead (`query`: the records and
 * summaries over the log's range, split as for any report): at 50M records, counting a week's
 * failures one by one was most of the first page's time, and the records' shards, refreshed every
 * second as data arrives, count afresh every time. A filter aggregation counts a summary document as
 * the records it stands for, so the total is the same.
 */
export function withSummaryCount(
  probe: LogProbe,
  count: { index: string; query: estypes.QueryDslQueryContainer },
): LogProbe {
  return {
    ...probe,
    body: { ...probe.body, track_total_hits: false },
    count: {
      index: count.index,
      body: {
        size: 0,
        track_total_hits: false,
        request_cache: true,
        query: count.query,
        aggs: { [TOTAL]: { filter: { match_all: {} } } },
      },
    },
  };
}

function probeFor(query: LogQuery, body: SearchBody, cursor: LogCursor | null): LogProbe | undefined {
  const [primary, second] = query.sort as Record<string, { order: 'asc' | 'desc' }>[];
  // Only the time-ordered walk, the default and by far the most common, needs and gets it.
  if (!primary?.ts || !second?.txid || query.sort.length !== 2) return undefined;
  const order = primary.ts.order;
  return {
    order,
    body: {
      query: query.query,
      sort: [{ ts: { order } }],
      // After the cursor's time, ties included: a window that starts no later than the page's.
      ...(cursor ? { search_after: [cursor.after[0]!] } : {}),
      size: body.size,
      _source: false,
      track_total_hits: body.track_total_hits,
    },
  };
}

export function compileLog(
  def: NormalizedReportDefinition<LogView>,
  tenant: string,
  now: Date,
  cursors: CursorKey,
): { query: LogQuery; body: SearchBody; plan: LogPlan; probe?: LogProbe } {
  const first = compileLogQuery(def, tenant, now);
  const cursor = def.view.cursor
    ? decodeCursor(cursors, def.view.cursor, {
        tenant,
        fingerprint: first.fingerprint,
        sortLength: first.sort.length,
        timeRange: def.timeRange,
      })
    : null;
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
    tenant,
    fingerprint: query.fingerprint,
    from: query.range.from,
    to: query.range.to,
    total: cursor?.total ?? null,
  };
  const probe = probeFor(query, body, cursor);
  return { query, body, plan, ...(probe ? { probe } : {}) };
}

/** Adds a clause to the scoped query's top-level filters, where the tenant's term stays first. */
function withFilter(
  query: estypes.QueryDslQueryContainer | undefined,
  clause: estypes.QueryDslQueryContainer,
): estypes.QueryDslQueryContainer {
  const filter = query?.bool?.filter;
  if (query?.bool && Array.isArray(filter))
    return { ...query, bool: { ...query.bool, filter: [...filter, clause] } };
  return { bool: { filter: query ? [query, clause] : [clause] } };
}

/**
 * The real search once the probe has answered: bounded to the times of the probe's rows, and counted
 * by the probe. Every row of the page lies in that window: the probe saw the same rows (and perhaps
 * earlier ties), so the page's last time is no further than the probe's.
 */
export function narrowLog(
  body: SearchBody,
  plan: LogPlan,
  probe: LogProbe,
  response: EsSearchResponse,
  counted?: EsSearchResponse,
): { body: SearchBody; plan: LogPlan } {
  if (probe.count && !counted) throw new Error('narrowLog: the count was sent, its answer not given');
  const total =
    plan.total ??
    (counted ? aggregation<{ doc_count: number }>(counted, TOTAL).doc_count : totalHits(response));
  const hits = response.hits.hits;
  const edge = hits.length === body.size ? hits[hits.length - 1]?.sort?.[0] : undefined;
  const bound =
    typeof edge === 'number'
      ? { range: { ts: { [probe.order === 'desc' ? 'gte' : 'lte']: edge, format: 'epoch_millis' } } }
      : undefined;
  return {
    body: { ...body, track_total_hits: false, ...(bound ? { query: withFilter(body.query, bound) } : {}) },
    plan: { ...plan, total },
  };
}

export function parseLog(
  view: LogView,
  response: EsSearchResponse,
  plan: LogPlan,
  cursors: CursorKey,
): Omit<LogResult, 'meta'> {
  const hits = response.hits.hits;
  const page = hits.slice(0, view.pageSize);
  const total = plan.total ?? totalHits(response);
  const last = page[page.length - 1];
  const nextCursor =
    hits.length > view.pageSize && last?.sort
      ? encodeCursor(cursors, plan.tenant, {
          after: last.sort as SortValue[],
          from: plan.from,
          to: plan.to,
          total,
          fingerprint: plan.fingerprint,
        })
      : null;
  return { view: 'log', rows: page.map((h) => h._source as AuthLogRecord), total, nextCursor };
}
