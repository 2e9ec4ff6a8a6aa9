import { describe, expect, it } from 'vitest';
import { builtinReport, type ReportDefinition } from '@sightline/schema/reports';
import { compile, narrow, parse, probeSearches, type CompileOptions } from './compile';
import { NOW, normalized, OPTIONS, TENANT } from './test-support';

/** Summaries reach the hour before NOW (10:15 on 2026-11-20). */
const WITH_SUMMARIES = { ...OPTIONS, summaries: { through: Date.parse('2026-11-20T10:00:00Z') } };
const source = (def: ReportDefinition, options: CompileOptions = WITH_SUMMARIES) => {
  const request = compile(normalized(def), TENANT, NOW, options);
  return { source: request.source, index: request.index };
};
const week = { last: '7d' };

describe('which reports summaries answer', () => {
  it('counts and failure rates by summarised fields, over both indices', () => {
    expect(source({ timeRange: week, view: { type: 'breakdown', groupBy: 'result' } })).toEqual({
      source: 'summaries',
      index: 'sightline-authlog,sightline-summary-reasons-v3',
    });
    expect(
      source({ timeRange: week, view: { type: 'breakdown', groupBy: 'user.name', metric: 'failure_rate' } }),
    ).toEqual({ source: 'summaries', index: 'sightline-authlog,sightline-summary-users-v3' });
    expect(source({ timeRange: week, view: { type: 'headline' } }).source).toBe('summaries');
    expect(source({ timeRange: week, view: { type: 'timeseries', stackBy: 'result' } }).source).toBe(
      'summaries',
    );
  });

  it('counts each headline figure from the smallest cube holding its field, distinct users by day over whole days', () => {
    const def = normalized({
      timeRange: { from: '2026-11-10T06:30:00Z', to: '2026-11-17T06:30:00Z' },
      filters: { field: 'event_type', op: 'eq', value: 'authentication' },
      view: { type: 'headline', compare: 'previous' },
    });
    const request = compile(def, TENANT, NOW, WITH_SUMMARIES);
    expect(request).toMatchObject({
      source: 'summaries',
      index:
        'sightline-authlog,sightline-summary-reasons-v3,sightline-summary-users-v3,sightline-summary-users_daily-v3,sightline-summary-countries-v3',
    });
    const figures = (request.body.aggs as Record<string, { aggs: Record<string, unknown> }>).periods!.aggs;
    const cubesOf = (agg: unknown) => JSON.stringify(agg).match(/sightline-summary-[a-z_]+-v3/g);
    expect(cubesOf(figures.attempts)).toEqual(['sightline-summary-reasons-v3']);
    expect(cubesOf(figures.users)).toEqual([
      'sightline-summary-users-v3',
      'sightline-summary-users_daily-v3',
    ]);
    expect(cubesOf(figures.countries)).toEqual(['sightline-summary-countries-v3']);
    // Whole days of each week on their own: a day across the comparison's start would mix them.
    expect(JSON.stringify(request.body.query)).toContain(
      JSON.stringify({
        range: {
          ts: {
            gte: Date.parse('2026-11-04T00:00:00Z'),
            lt: Date.parse('2026-11-10T00:00:00Z'),
            format: 'epoch_millis',
          },
        },
      }),
    );
  });

  it('places countries on the map from the cube keeping centroid sums, adding them to the edge records’ centroid', () => {
    const def = normalized({ timeRange: week, view: { type: 'geo', mode: 'country' } });
    const request = compile(def, TENANT, NOW, WITH_SUMMARIES);
    expect(request).toMatchObject({
      source: 'summaries',
      index: 'sightline-authlog,sightline-summary-countries-v3',
    });
    const cells = (request.body.aggs as Record<string, { aggs: Record<string, unknown> }>).cells!.aggs;
    expect(cells).toMatchObject({
      centroid: { geo_centroid: { field: 'access_device.location.geo' } },
      summed_count: { sum: { field: 'geo_count' } },
      summed_lat: { sum: { field: 'geo_lat_sum' } },
      summed_lon: { sum: { field: 'geo_lon_sum' } },
    });
    // Two located records read raw at (10, 20) on average, eight summarised summing (400, 40): (42, 8).
    const response = {
      took: 1,
      timed_out: false,
      _shards: { total: 1, successful: 1, failed: 0 },
      hits: { hits: [] },
      aggregations: {
        cells: {
          buckets: [
            {
              key: 'DE',
              doc_count: 12,
              name: { buckets: [{ key: 'Germany', doc_count: 12 }] },
              centroid: { location: { lat: 10, lon: 20 }, count: 2 },
              summed_count: { value: 8 },
              summed_lat: { value: 400 },
              summed_lon: { value: 40 },
            },
          ],
        },
        unknown_country: { doc_count: 0 },
        no_country: { doc_count: 0 },
      },
    };
    const result = parse(def, response, request, WITH_SUMMARIES);
    expect(result.view === 'geo' && result.rows).toEqual([
      { key: 'DE', label: 'Germany', value: 12, lat: 42, lon: 8 },
    ]);
  });

  it('ranks risky addresses from their own cube, asking it which fields the data carries', () => {
    const risky = builtinReport('risky-ips')!.definition;
    const request = compile(normalized({ ...risky, timeRange: week }), TENANT, NOW, WITH_SUMMARIES);
    expect(request).toMatchObject({
      source: 'summaries',
      index: 'sightline-authlog,sightline-summary-risky_ips-v3',
    });
    // The presence check also finds the cube's documents naming the fields the clean records carried.
    const presence = 'presence' in request.probe! ? request.probe.presence : undefined;
    expect(JSON.stringify(presence?.[0])).toContain('"summary_present":"access_device.ip"');
    // The ranking reads the cube alone, and the records of the partial hours at the week's edges apart,
    // without global ordinals; the presence probes go to both.
    expect(probeSearches(request).map((s) => s.index)).toEqual([
      'sightline-summary-risky_ips-v3',
      'sightline-authlog',
      ...(presence ?? []).map(() => 'sightline-authlog,sightline-summary-risky_ips-v3'),
    ]);
    const [summaries, records] = probeSearches(request);
    expect(JSON.stringify(summaries!.body)).not.toContain('execution_hint');
    // Each side returns all that one shard would in a single search over both: an address just
    // outside both sides' top N can still add up to the top.
    for (const side of [summaries, records]) {
      const { terms } = side!.body.aggs!.groups as { terms: { size: number; shard_size: number } };
      expect(terms.size).toBe(terms.shard_size);
    }
    expect(JSON.stringify(records!.body.aggs)).toContain('"execution_hint":"map"');
    // The hour after the summaries' reach, to the range's end.
    expect(JSON.stringify(records!.body.query)).toContain(
      `{"range":{"ts":{"gte":${Date.parse('2026-11-20T10:00:00Z')},`,
    );
  });

  it('ranks from the counts of both sides added: a key the records alone hold can make the top', () => {
    const def = normalized({
      timeRange: week,
      view: { type: 'breakdown', groupBy: 'access_device.ip', top: 1 },
      filters: builtinReport('risky-ips')!.definition.filters,
    });
    const request = compile(def, TENANT, NOW, WITH_SUMMARIES);
    const answer = (groups: object) => ({ took: 1, hits: { hits: [] }, aggregations: { groups } });
    // Every field the report needs is carried.
    const presence = probeSearches(request)
      .slice(2)
      .map(() => ({ took: 1, hits: { total: { value: 1, relation: 'eq' as const }, hits: [] } }));
    const counting = narrow(
      request,
      answer({
        buckets: [
          { key: '203.0.113.7', doc_count: 30 },
          { key: '198.51.100.2', doc_count: 29 },
        ],
      }),
      [answer({ buckets: [{ key: '198.51.100.2', doc_count: 2 }] }), ...presence],
    );
    expect((counting.plan as { keys: string[] }).keys).toEqual(['198.51.100.2']);
  });

  it('finds what is out of the ordinary from one cube per field, each counting every record once', () => {
    const def = normalized({ timeRange: { last: '24h' }, view: { type: 'significant' } });
    const request = compile(def, TENANT, NOW, WITH_SUMMARIES);
    expect(request).toMatchObject({
      source: 'summaries',
      index:
        'sightline-authlog,sightline-summary-countries-v3,sightline-summary-applications-v3,sightline-summary-reasons-v3,sightline-summary-users-v3,sightline-summary-users_daily-v3',
    });
    // The ranking pass reads the summaries alone, and beside them the records of the partial hours
    // at the range's edges; the counting pass reads both in one search.
    expect(probeSearches(request).map((s) => s.index)).toEqual([
      'sightline-summary-countries-v3,sightline-summary-applications-v3,sightline-summary-reasons-v3,sightline-summary-users-v3,sightline-summary-users_daily-v3',
      'sightline-authlog',
    ]);
    const rank = request.probe!.body.aggs as Record<string, { filter: unknown; aggs: { counted: unknown } }>;
    // Users from the users cube (or the records), never also from the countries cube.
    expect(JSON.stringify(rank.significant_3!.filter)).toContain(
      '"_index":["sightline-summary-users-v3","sightline-summary-users_daily-v3"]',
    );
    // The period (the last 24 hours) holds no whole day: the ranking pass leaves every daily document out.
    const probeQuery = JSON.stringify(request.probe!.body.query);
    expect(probeQuery).toContain('"must_not":[{"term":{"_index":"sightline-summary-users_daily-v3"}}]');
    expect(probeQuery).not.toContain(
      '{"bool":{"filter":[{"term":{"_index":"sightline-summary-users_daily-v3"}}',
    );
    const probe = {
      took: 1,
      timed_out: false,
      _shards: { total: 1, successful: 1, failed: 0 },
      hits: { hits: [] },
      aggregations: Object.fromEntries(
        [0, 1, 2, 3].map((i) => [
          `significant_${i}`,
          { doc_count: 100, counted: { buckets: i === 3 ? [{ key: 'mallory', doc_count: 40 }] : [] } },
        ]),
      ),
    };
    // The edge hours' records rank a user the summaries never saw: both are candidates.
    const rawProbe = {
      ...probe,
      aggregations: Object.fromEntries(
        [0, 1, 2, 3].map((i) => [
          `significant_${i}`,
          { buckets: i === 3 ? [{ key: 'trudy', doc_count: 60 }] : [] },
        ]),
      ),
    };
    expect(() => narrow(request, probe)).toThrow(/the ranking over the records was sent/);
    const counting = narrow(request, probe, [rawProbe]);
    expect((counting.plan as { keys: string[][] }).keys[3]).toEqual(['trudy', 'mallory']);
    const aggs = counting.body.aggs as Record<string, unknown>;
    // Totals are buckets (a summary document counts as its records), from the first field's cube.
    expect(counting.body.track_total_hits).toBe(false);
    expect(JSON.stringify(aggs.all)).toContain('"_index":"sightline-summary-countries-v3"');
    // The 30 days before it: their users from the daily cube.
    expect(JSON.stringify(counting.body.query)).toContain(
      '{"term":{"_index":"sightline-summary-users_daily-v3"}}',
    );
    const response = {
      ...probe,
      aggregations: {
        all: { doc_count: 10_100 },
        period: { doc_count: 100 },
        significant_3: {
          doc_count: 10_100,
          counted: { buckets: [{ key: 'mallory', doc_count: 50, period: { doc_count: 40 } }] },
        },
      },
    };
    const result = parse(def, response, counting, WITH_SUMMARIES);
    expect(result.view === 'significant' && result.rows).toMatchObject([
      {
        field: 'user.name',
        key: 'mallory',
        count: 40,
        backgroundCount: 10,
        rate: 0.4,
        backgroundRate: 0.001,
      },
    ]);
  });

  it('ranks out of the ordinary on the period’s own hours when the period starts on the hour, and reads no day across its start', () => {
    // From 08:00 on the 18th: the background's summarised hours run into the period's.
    const def = normalized({
      timeRange: { from: '2026-11-18T08:00:00Z', to: '2026-11-19T08:30:00Z' },
      view: { type: 'significant' },
    });
    const request = compile(def, TENANT, NOW, WITH_SUMMARIES);
    const hours = (from: string, to: string) => ({
      range: { ts: { gte: Date.parse(from), lt: Date.parse(to), format: 'epoch_millis' } },
    });
    const probeQuery = JSON.stringify(request.probe!.body.query);
    // The ranking pass: the period's summarised hours, no hour of the background.
    expect(probeQuery).toContain(JSON.stringify(hours('2026-11-18T08:00:00Z', '2026-11-19T08:00:00Z')));
    expect(probeQuery).not.toContain(JSON.stringify(hours('2026-10-19T08:00:00Z', '2026-11-19T08:00:00Z')));
    // The counting pass: whole days up to the 18th's midnight; the 18th itself from the hourly cube.
    const counting = JSON.stringify((request.plan as { query: unknown }).query);
    expect(counting).toContain(JSON.stringify(hours('2026-10-20T00:00:00Z', '2026-11-18T00:00:00Z')));
    expect(counting).not.toContain(JSON.stringify(hours('2026-10-20T00:00:00Z', '2026-11-19T00:00:00Z')));
  });

  it("counts the log's first page from summaries beside the probe for its rows, which then counts nothing", () => {
    const def = normalized({
      timeRange: week,
      filters: { field: 'result', op: 'eq', value: 'denied' },
      view: { type: 'log', pageSize: 2 },
    });
    const request = compile(def, TENANT, NOW, WITH_SUMMARIES);
    expect(request.source).toBe('summaries');
    const [rows, count] = probeSearches(request);
    expect(rows).toMatchObject({ index: 'sightline-authlog', body: { track_total_hits: false } });
    expect(count).toMatchObject({
      index: 'sightline-authlog,sightline-summary-reasons-v3',
      body: { size: 0, aggs: { total: { filter: { match_all: {} } } } },
    });
    const hit = (ts: number, txid: string) => ({ _source: { txid }, sort: [ts, txid] });
    const narrowed = narrow(request, { took: 1, hits: { hits: [hit(3, 'c'), hit(2, 'b'), hit(1, 'a')] } }, [
      { took: 1, hits: { hits: [] }, aggregations: { total: { doc_count: 1234 } } },
    ]);
    const page = parse(
      def,
      { took: 1, hits: { hits: [hit(3, 'c'), hit(2, 'b'), hit(1, 'a')] } },
      narrowed,
      WITH_SUMMARIES,
    );
    expect(page).toMatchObject({ view: 'log', total: 1234, meta: { source: 'summaries' } });
    // Free text is not summarised: the probe counts, as without summaries.
    const text = compile(
      normalized({ timeRange: week, filters: { text: 'mallory' }, view: { type: 'log' } }),
      TENANT,
      NOW,
      WITH_SUMMARIES,
    );
    expect(text.source).toBe('records');
    expect(probeSearches(text)).toMatchObject([{ body: { track_total_hits: true } }]);
  });

  it('leaves to the records what summaries do not hold', () => {
    const records = { source: 'records', index: 'sightline-authlog' };
    // Distinct addresses, a field of no cube, maps placed by centroids, a background comparison, rows.
    expect(
      source({ timeRange: week, view: { type: 'breakdown', groupBy: 'result', metric: 'distinct_ips' } }),
    ).toEqual(records);
    expect(source({ timeRange: week, view: { type: 'breakdown', groupBy: 'access_device.ip' } })).toEqual(
      records,
    );
    expect(source({ timeRange: week, view: { type: 'geo', mode: 'grid' } })).toEqual(records);
    expect(
      source({ timeRange: week, view: { type: 'geo', mode: 'country', metric: 'distinct_users' } }),
    ).toEqual(records);
    expect(
      source({ timeRange: week, view: { type: 'log', sort: [{ field: 'user.name', order: 'asc' }] } }).source,
    ).toBe('records');
    // Buckets finer than an hour, or a zone half an hour off UTC, would split a summarised hour.
    expect(source({ timeRange: { last: '24h' }, view: { type: 'timeseries', interval: '15m' } })).toEqual(
      records,
    );
    expect(
      source({
        timeRange: { ...week, timeZone: 'Asia/Kolkata' },
        view: { type: 'timeseries', interval: '1h' },
      }),
    ).toEqual(records);
    // A filter on a field no cube holds, and free text.
    expect(
      source({
        timeRange: week,
        filters: { field: 'access_device.browser', op: 'eq', value: 'Firefox' },
        view: { type: 'breakdown', groupBy: 'result' },
      }),
    ).toEqual(records);
    expect(
      source({
        timeRange: week,
        filters: { text: 'vpn', fields: ['application.name'] },
        view: { type: 'breakdown', groupBy: 'result' },
      }),
    ).toEqual(records);
  });

  it('reads the records alone when the server has no summaries, or none reach into the range', () => {
    const def: ReportDefinition = { timeRange: week, view: { type: 'breakdown', groupBy: 'result' } };
    expect(source(def, OPTIONS).source).toBe('records');
    expect(
      source(def, { ...OPTIONS, summaries: { through: Date.parse('2026-11-01T00:00:00Z') } }).source,
    ).toBe('records');
  });
});
