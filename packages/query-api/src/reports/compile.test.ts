import { describe, expect, it } from 'vitest';
import { compile, narrow } from './compile';
import { encodeCursor, ReportDefinitionError } from '@sightline/schema/reports';
import { compileLogQuery } from './log-query';
import { NOW, normalized, OPTIONS, TENANT } from './test-support';

const to = Date.parse('2026-11-20T10:16:00.000Z');
const DAY = 86_400_000;
const tenantTerm = { term: { customer_id: TENANT } };

describe('compile', () => {
  it('scopes every request to the tenant and the window, rounding relative ranges up to the minute', () => {
    const req = compile(
      normalized({ timeRange: { last: '24h' }, view: { type: 'breakdown', groupBy: 'result' } }),
      TENANT,
      NOW,
      OPTIONS,
    );
    expect(req.index).toBe('sightline-authlog');
    expect(req.body.query).toEqual({
      bool: {
        filter: [tenantTerm, { range: { ts: { gte: to - DAY, lt: to, format: 'epoch_millis' } } }],
      },
    });
    const later = compile(
      normalized({ timeRange: { last: '24h' }, view: { type: 'breakdown', groupBy: 'result' } }),
      TENANT,
      new Date(NOW.getTime() + 20_000),
      OPTIONS,
    );
    expect(later.body).toEqual(req.body);
  });

  it('breakdown: a ranking pass chooses candidates with error bounds, the real search counts each exactly', () => {
    const req = compile(
      normalized({
        timeRange: { last: '7d' },
        view: { type: 'breakdown', groupBy: 'user.name', metric: 'distinct_ips', top: 5 },
      }),
      TENANT,
      NOW,
      OPTIONS,
    );
    const distinct = { distinct: { cardinality: { field: 'access_device.ip', precision_threshold: 3000 } } };
    expect(req.probe?.body).toMatchObject({ size: 0, request_cache: true, query: req.body.query });
    expect(req.probe?.body.aggs).toEqual({
      groups: {
        terms: {
          field: 'user.name',
          size: 20,
          shard_size: 1000,
          order: [{ distinct: 'desc' }, { _key: 'asc' }],
          show_term_doc_count_error: true,
        },
        aggs: distinct,
      },
    });
    // Unfiltered, the ranking runs over the whole window: whether any record there carries the field
    // (else: not available for this data) is whether it has a bucket, without another search.
    expect(req.probe && 'presence' in req.probe && req.probe.presence).toBeFalsy();
    const none = narrow(req, { took: 1, hits: { hits: [] }, aggregations: { groups: { buckets: [] } } });
    expect(none.plan).toMatchObject({ view: 'breakdown', unavailable: ['user.name'] });
    const rank = {
      took: 1,
      hits: { hits: [] },
      aggregations: {
        groups: {
          buckets: [
            { key: 'ann', doc_count: 3 },
            { key: 'bo', doc_count: 2 },
          ],
        },
      },
    };
    const exact = narrow(req, rank);
    expect(exact.probe).toBeUndefined();
    expect(exact.plan).toMatchObject({ unavailable: [] });
    expect(exact.body).toMatchObject({
      size: 0,
      request_cache: true,
      track_total_hits: false,
      query: req.body.query,
    });
    expect(exact.body.aggs).toEqual({
      all: { filter: { match_all: {} } },
      ...distinct,
      groups: {
        filters: { filters: [{ term: { 'user.name': 'ann' } }, { term: { 'user.name': 'bo' } }] },
        aggs: distinct,
      },
      none: { missing: { field: 'user.name' }, aggs: distinct },
    });
  });

  it('failure rate counts the failed results in a filter sub-aggregation', () => {
    const req = compile(
      normalized({
        timeRange: { last: '7d' },
        view: { type: 'breakdown', groupBy: 'factor', metric: 'failure_rate' },
      }),
      TENANT,
      NOW,
      OPTIONS,
    );
    expect(
      narrow(req, { took: 1, hits: { hits: [] }, aggregations: { groups: { buckets: [] } } }).body.aggs
        ?.failed,
    ).toEqual({
      filter: { terms: { result: ['denied', 'failure', 'error', 'fraud'] } },
    });
  });

  it('timeseries: auto interval within 200 buckets, empty buckets filled over the whole window, in the time zone', () => {
    const req = compile(
      normalized({
        timeRange: { last: '7d', timeZone: 'Europe/Berlin' },
        view: { type: 'timeseries', stackBy: 'result', top: 3 },
      }),
      TENANT,
      NOW,
      OPTIONS,
    );
    const hist = {
      date_histogram: {
        field: 'ts',
        calendar_interval: '1h',
        time_zone: 'Europe/Berlin',
        min_doc_count: 0,
        extended_bounds: { min: to - 7 * DAY, max: to - 1 },
      },
      aggs: {},
    };
    expect(req.probe?.body.aggs).toEqual({
      stacks: {
        terms: {
          field: 'result',
          size: 16,
          shard_size: 1000,
          order: [{ _count: 'desc' }, { _key: 'asc' }],
          show_term_doc_count_error: true,
        },
        aggs: {},
      },
    });
    const rank = {
      took: 1,
      hits: { hits: [] },
      aggregations: { stacks: { buckets: [{ key: 'success', doc_count: 9 }] } },
    };
    expect(narrow(req, rank).body.aggs).toEqual({
      over_time: hist,
      stacks: { filters: { filters: [{ term: { result: 'success' } }] }, aggs: { over_time: hist } },
      none: { missing: { field: 'result' }, aggs: { over_time: hist } },
    });
    expect(req.plan).toMatchObject({ view: 'timeseries', interval: { interval: '1h' } });
  });

  it('timeseries: picks coarser intervals for longer ranges and fixed intervals where calendars have none', () => {
    const pick = (last: string) => {
      const plan = compile(
        normalized({ timeRange: { last }, view: { type: 'timeseries' } }),
        TENANT,
        NOW,
        OPTIONS,
      ).plan;
      return plan.view === 'timeseries' ? plan.interval : null;
    };
    expect(pick('1h')?.interval).toBe('1m');
    expect(pick('24h')?.es).toEqual({ fixed_interval: '15m' });
    expect(pick('30d')?.es).toEqual({ calendar_interval: '1d' });
    expect(pick('400d')?.es).toEqual({ calendar_interval: '1w' });
  });

  it('timeseries: an explicit interval that would build too many buckets is refused with the count', () => {
    const run = (interval: '1m' | '1h', top = 10) =>
      compile(
        normalized({
          timeRange: { last: '30d' },
          view: { type: 'timeseries', interval, stackBy: 'user.name', top },
        }),
        TENANT,
        NOW,
        OPTIONS,
      );
    expect(() => run('1m')).toThrow(ReportDefinitionError);
    expect(() => run('1m')).toThrow(/43201 buckets \(at most 1000\)/);
    expect(() => run('1h', 100)).toThrow(/lower 'top'/);
  });

  it('geo: country terms with a name and centroid, or a geotile grid at the asked precision', () => {
    const country = compile(
      normalized({ timeRange: { last: '7d' }, view: { type: 'geo', mode: 'country' } }),
      TENANT,
      NOW,
      OPTIONS,
    );
    expect(country.body.aggs?.cells).toMatchObject({
      terms: { field: 'access_device.location.country_code' },
      aggs: {
        centroid: { geo_centroid: { field: 'access_device.location.geo' } },
        name: { terms: { field: 'access_device.location.country', size: 1 } },
      },
    });
    // A country named but not known to ISO 3166-1 is stored without a code: counted, not dropped.
    expect(country.body.aggs?.unknown_country).toEqual({
      filter: {
        bool: {
          filter: [{ exists: { field: 'access_device.location.country' } }],
          must_not: [{ exists: { field: 'access_device.location.country_code' } }],
        },
      },
      aggs: {},
    });
    const grid = compile(
      normalized({ timeRange: { last: '7d' }, view: { type: 'geo', mode: 'grid', precision: 6 } }),
      TENANT,
      NOW,
      OPTIONS,
    );
    expect(grid.body.aggs?.cells).toMatchObject({
      geotile_grid: { field: 'access_device.location.geo', precision: 6 },
      aggs: { centroid: { geo_centroid: { field: 'access_device.location.geo' } } },
    });
  });

  it('significant: a ranking pass takes the period’s values; the counting pass spans the 30 days before and the period, each value counted exactly', () => {
    const req = compile(
      normalized({
        timeRange: { last: '24h' },
        filters: { field: 'event_type', op: 'eq', value: 'authentication' },
        view: { type: 'significant', fields: ['reason', 'user.name'], size: 3 },
      }),
      TENANT,
      NOW,
      OPTIONS,
    );
    const authentications = { term: { event_type: 'authentication' } };
    const candidates = (field: string) => ({
      terms: { field, size: 1000, shard_size: 5000, order: [{ _count: 'desc' }, { _key: 'asc' }] },
    });
    expect(req.probe?.body).toMatchObject({
      query: {
        bool: {
          filter: [
            tenantTerm,
            { range: { ts: { gte: to - DAY, lt: to, format: 'epoch_millis' } } },
            authentications,
          ],
        },
      },
      aggs: { significant_0: candidates('reason'), significant_1: candidates('user.name') },
    });
    const counted = narrow(req, {
      took: 1,
      hits: { hits: [] },
      aggregations: {
        significant_0: { buckets: [{ key: 'locked_out', doc_count: 9 }] },
        significant_1: { buckets: [] },
      },
    });
    expect(counted.body.query).toEqual({
      bool: {
        filter: [
          tenantTerm,
          { range: { ts: { gte: to - DAY - 30 * DAY, lt: to, format: 'epoch_millis' } } },
          authentications,
        ],
      },
    });
    const period = { filter: { range: { ts: { gte: to - DAY, lt: to, format: 'epoch_millis' } } } };
    expect(counted.body.aggs).toEqual({
      period,
      significant_0: {
        terms: { field: 'reason', include: ['locked_out'], size: 1, shard_size: 1, min_doc_count: 1 },
        aggs: { period },
      },
    });
    expect(counted.body.track_total_hits).toBe(true);
    // A 30-day period compares with the 30 days before it, not with itself.
    const month = narrow(
      compile(
        normalized({ timeRange: { last: '30d' }, view: { type: 'significant' } }),
        TENANT,
        NOW,
        OPTIONS,
      ),
      { took: 1, hits: { hits: [] }, aggregations: {} },
    );
    expect((month.body.query as { bool: { filter: unknown[] } }).bool.filter[1]).toEqual({
      range: { ts: { gte: to - 60 * DAY, lt: to, format: 'epoch_millis' } },
    });
  });

  it('log: requested order plus the txid tiebreaker, one row more than the page, exact total on page one', () => {
    const req = compile(
      normalized({
        timeRange: { last: '24h' },
        view: {
          type: 'log',
          columns: ['user.name'],
          sort: [{ field: 'user.name', order: 'asc' }],
          pageSize: 50,
        },
      }),
      TENANT,
      NOW,
      OPTIONS,
    );
    expect(req.body).toMatchObject({
      size: 51,
      track_total_hits: true,
      sort: [
        { 'user.name': { order: 'asc', missing: '_last' } },
        { txid: { order: 'asc', missing: '_last' } },
      ],
      _source: { includes: ['txid', 'ts', 'user.name'] },
    });
    expect(req.body.search_after).toBeUndefined();
  });

  it('log: a cursor continues after its sort values, in the window of the first page, without recounting', () => {
    const def = { timeRange: { last: '24h' }, view: { type: 'log' as const } };
    const first = compileLogQuery(normalized(def), TENANT, NOW);
    const cursor = encodeCursor(OPTIONS.cursors, TENANT, {
      after: [1795000000000, 'tx-9'],
      from: first.range.from,
      to: first.range.to,
      total: 12345,
      fingerprint: first.fingerprint,
    });
    const later = new Date(NOW.getTime() + 3 * 3_600_000);
    const req = compile(normalized({ ...def, view: { type: 'log', cursor } }), TENANT, later, OPTIONS);
    expect(req.body).toMatchObject({ search_after: [1795000000000, 'tx-9'], track_total_hits: false });
    expect(req.range).toMatchObject({ from: first.range.from, to: first.range.to });
    expect(req.plan).toMatchObject({ view: 'log', total: 12345 });
  });

  it('log: a time-ordered page is first probed by time alone, which Elasticsearch can answer cheaply', () => {
    const req = compile(
      normalized({ timeRange: { last: '24h' }, view: { type: 'log', pageSize: 10 } }),
      TENANT,
      NOW,
      OPTIONS,
    );
    expect(req.probe).toEqual({
      order: 'desc',
      body: {
        query: req.body.query,
        sort: [{ ts: { order: 'desc' } }],
        size: 11,
        _source: false,
        track_total_hits: true,
      },
    });
    const byUser = compile(
      normalized({
        timeRange: { last: '24h' },
        view: { type: 'log', sort: [{ field: 'user.name', order: 'asc' }] },
      }),
      TENANT,
      NOW,
      OPTIONS,
    );
    expect(byUser.probe).toBeUndefined();
  });

  it('log: the probe bounds the page to its times and counts it; the tenant stays the first filter', () => {
    const req = compile(
      normalized({ timeRange: { last: '24h' }, view: { type: 'log', pageSize: 2 } }),
      TENANT,
      NOW,
      OPTIONS,
    );
    const probeAnswer = (times: number[]) => ({
      took: 1,
      hits: { total: { value: 500, relation: 'eq' }, hits: times.map((t) => ({ sort: [t] })) },
    });
    const full = narrow(req, probeAnswer([30, 20, 10]));
    expect(full.probe).toBeUndefined();
    expect(full.plan).toMatchObject({ view: 'log', total: 500 });
    expect(full.body.track_total_hits).toBe(false);
    const filters = (full.body.query as { bool: { filter: object[] } }).bool.filter;
    expect(filters[0]).toEqual({ term: { customer_id: TENANT } });
    expect(filters.at(-1)).toEqual({ range: { ts: { gte: 10, format: 'epoch_millis' } } });
    // Fewer rows than a page: nothing to bound, the rest of the log is that small.
    const short = narrow(req, probeAnswer([30]));
    expect(short.body.query).toEqual(req.body.query);
    expect(short.plan).toMatchObject({ total: 500 });
  });

  it("log: a cursor page probes after the cursor's time, ties included, and keeps the counted total", () => {
    const def = {
      timeRange: { last: '24h' },
      view: { type: 'log' as const, sort: [{ field: 'ts' as const, order: 'asc' as const }], pageSize: 50 },
    };
    const first = compileLogQuery(normalized(def), TENANT, NOW);
    const cursor = encodeCursor(OPTIONS.cursors, TENANT, {
      after: [1795000000000, 'tx-9'],
      from: first.range.from,
      to: first.range.to,
      total: 77,
      fingerprint: first.fingerprint,
    });
    const req = compile(normalized({ ...def, view: { ...def.view, cursor } }), TENANT, NOW, OPTIONS);
    expect(req.probe?.body).toMatchObject({ search_after: [1795000000000], track_total_hits: false });
    const full = narrow(req, {
      took: 1,
      hits: { hits: Array.from({ length: 51 }, () => ({ sort: [1795000000500] })) },
    });
    expect(full.plan).toMatchObject({ total: 77 });
    expect(full.body.search_after).toEqual([1795000000000, 'tx-9']);
    expect((full.body.query as { bool: { filter: object[] } }).bool.filter.at(-1)).toEqual({
      range: { ts: { lte: 1795000000500, format: 'epoch_millis' } },
    });
  });

  it('log: refuses a cursor that is forged, belongs to another query or to another customer', () => {
    const run = (cursor: string, filters?: object) =>
      compile(
        normalized({
          timeRange: { last: '24h' },
          ...(filters ? { filters } : {}),
          view: { type: 'log', cursor },
        } as never),
        TENANT,
        NOW,
        OPTIONS,
      );
    expect(() => run('not*base64')).toThrow(/view.cursor: cursor was not issued by this API/);
    const first = compileLogQuery(
      normalized({ timeRange: { last: '24h' }, view: { type: 'log' } }),
      TENANT,
      NOW,
    );
    const page = { after: [1, 'a'], ...first.range, total: 1, fingerprint: first.fingerprint };
    expect(() => run(encodeCursor(OPTIONS.cursors, TENANT, page))).not.toThrow();
    expect(() =>
      run(encodeCursor(OPTIONS.cursors, TENANT, page), { field: 'result', op: 'eq', value: 'denied' }),
    ).toThrow(/cursor was issued for another query .*; start again without a cursor/);
    expect(() => run(encodeCursor(OPTIONS.cursors, 'globex', page))).toThrow(
      /cursor was issued for another customer; start again without a cursor/,
    );
  });

  it('compileLogQuery accepts bare filters and a range, for exports', () => {
    const q = compileLogQuery(
      { timeRange: { last: '1h', timeZone: 'UTC' }, filters: { field: 'result', op: 'eq', value: 'fraud' } },
      TENANT,
      NOW,
    );
    expect(q.sort).toEqual([
      { ts: { order: 'desc', missing: '_last' } },
      { txid: { order: 'asc', missing: '_last' } },
    ]);
    expect(q.columns.length).toBeGreaterThan(40);
    expect(q.query).toEqual({
      bool: {
        filter: [
          tenantTerm,
          { range: { ts: { gte: to - 3_600_000, lt: to, format: 'epoch_millis' } } },
          { term: { result: 'fraud' } },
        ],
      },
    });
  });
});
