import { describe, expect, it } from 'vitest';
import { groupableFields } from '@sightline/schema';
import { compile, narrow } from './compile';
import { METRICS, type ReportDefinition } from '@sightline/schema/reports';
import type { EsSearchResponse } from './es-types';
import { NOW, normalized, OPTIONS, TENANT } from './test-support';

type Agg = { terms?: { order?: Record<string, string>[] }; aggs?: Record<string, Agg> };

/** Every terms aggregation ordered by a sub-aggregation that it does not carry: Elasticsearch refuses those. */
function missingOrderPaths(aggs: Record<string, Agg> | undefined, path = ''): string[] {
  return Object.entries(aggs ?? {}).flatMap(([name, agg]) => {
    const own = (agg.terms?.order ?? [])
      .flatMap((o) => Object.keys(o))
      .filter((key) => !key.startsWith('_') && !agg.aggs?.[key])
      .map((key) => `${path}${name} orders by ${key}`);
    return [...own, ...missingOrderPaths(agg.aggs, `${path}${name} > `)];
  });
}

const ranked: EsSearchResponse = {
  took: 1,
  hits: { hits: [] },
  aggregations: {
    groups: { buckets: [{ key: 'a', doc_count: 1 }] },
    stacks: { buckets: [{ key: 'a', doc_count: 1 }] },
  },
};

describe('compiled requests Elasticsearch can run', () => {
  it('orders buckets only by sub-aggregations they carry, for every view, metric and field', () => {
    const problems: string[] = [];
    for (const metric of METRICS)
      for (const groupBy of groupableFields) {
        const views: ReportDefinition['view'][] = [
          { type: 'breakdown', groupBy, metric },
          { type: 'timeseries', stackBy: groupBy, metric },
        ];
        for (const view of views) {
          const request = compile(normalized({ timeRange: { last: '7d' }, view }), TENANT, NOW, OPTIONS);
          const bodies = [request.probe?.body, narrow(request, ranked).body];
          for (const body of bodies)
            problems.push(
              ...missingOrderPaths(body?.aggs as Record<string, Agg>).map(
                (p) => `${view.type} by ${groupBy}, ${metric}: ${p}`,
              ),
            );
        }
      }
    expect(problems).toEqual([]);
  });
});
