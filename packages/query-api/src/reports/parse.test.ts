import { describe, expect, it } from 'vitest';
import { compile, narrow, parse } from './compile';
import { decodeCursor, type ReportDefinition } from '@sightline/schema/reports';
import type { EsSearchResponse } from './es-types';
import { NOW, normalized, OPTIONS, TENANT } from './test-support';

function run(def: ReportDefinition, response: EsSearchResponse) {
  const d = normalized(def);
  return parse(d, response, compile(d, TENANT, NOW, OPTIONS), OPTIONS);
}
/** Parses a top-N view the way the server runs it: ranking pass, narrow, counting pass. */
function ranked(def: ReportDefinition, rank: EsSearchResponse, response: EsSearchResponse) {
  const d = normalized(def);
  return parse(d, response, narrow(compile(d, TENANT, NOW, OPTIONS), rank), OPTIONS);
}
/** A ranking pass's answer: [key, doc_count, error bound]. */
function rankedBy(name: string, buckets: [string, number, number?][]): EsSearchResponse {
  return {
    took: 1,
    hits: { hits: [] },
    aggregations: {
      [name]: {
        buckets: buckets.map(([key, doc_count, err]) => ({
          key,
          doc_count,
          doc_count_error_upper_bound: err ?? 0,
        })),
      },
    },
  };
}
const hits = (total: number) => ({ total: { value: total, relation: 'eq' }, hits: [] });
const meta = {
  tookMs: 7,
  from: '2026-11-13T10:16:00.000Z',
  to: '2026-11-20T10:16:00.000Z',
  timeZone: 'UTC',
  source: 'records',
};

describe('parse', () => {
  it('breakdown: exact counts of the chosen keys, the remainder (records without a value included) as Other', () => {
    const result = ranked(
      { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'reason', top: 2 } },
      rankedBy('groups', [
        ['user_approved', 60],
        ['invalid_passcode', 20],
      ]),
      {
        took: 7,
        hits: hits(100),
        aggregations: {
          all: { doc_count: 100 },
          groups: { buckets: [{ doc_count: 61 }, { doc_count: 21 }] },
          none: { doc_count: 0 },
        },
      },
    );
    expect(result).toEqual({
      view: 'breakdown',
      metric: 'count',
      rows: [
        { key: 'user_approved', label: 'user_approved', value: 61 },
        { key: 'invalid_passcode', label: 'invalid_passcode', value: 21 },
        { key: '__other__', label: 'Other', value: 18, isOther: true },
      ],
      total: 100,
      meta,
    });
  });

  it('breakdown: a runner-up whose exact count passes the N-th takes its place, and Other is the total less the exact rows shown', () => {
    // The ranking pass saw bob short by up to 5 (one index left him out of its local list).
    const rank = rankedBy('groups', [
      ['alice', 50],
      ['carol', 40],
      ['bob', 38, 5],
      ['dave', 10, 5],
    ]);
    const def = normalized({
      timeRange: { last: '7d' },
      view: { type: 'breakdown', groupBy: 'user.name', top: 2 },
    });
    const request = narrow(compile(def, TENANT, NOW, OPTIONS), rank);
    // dave's upper bound (15) cannot reach carol's 40: only three keys are counted.
    expect(request.plan).toMatchObject({ keys: ['alice', 'carol', 'bob'] });
    const result = parse(
      def,
      {
        took: 1,
        hits: hits(200),
        aggregations: {
          all: { doc_count: 200 },
          groups: { buckets: [{ doc_count: 50 }, { doc_count: 40 }, { doc_count: 42 }] },
          none: { doc_count: 0 },
        },
      },
      request,
      OPTIONS,
    );
    expect(result).toMatchObject({
      rows: [
        { key: 'alice', value: 50 },
        { key: 'bob', value: 42 },
        { key: '__other__', value: 108, isOther: true },
      ],
      total: 200,
    });
  });

  it('breakdown: records without a value are a None row of their own, and Other leaves them out', () => {
    const result = ranked(
      { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'reason', top: 1 } },
      rankedBy('groups', [['user_approved', 60]]),
      {
        took: 1,
        hits: hits(100),
        aggregations: {
          all: { doc_count: 100 },
          groups: { buckets: [{ doc_count: 60 }] },
          none: { doc_count: 25 },
        },
      },
    );
    expect(result).toMatchObject({
      rows: [
        { key: 'user_approved', value: 60 },
        { key: '__none__', label: 'None', value: 25, isNone: true },
        { key: '__other__', label: 'Other', value: 15, isOther: true },
      ],
      total: 100,
    });
  });

  it('breakdown: a multi-valued field counts a record once per value; Other is the values not shown, None the records with none', () => {
    const result = ranked(
      { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'user.groups', top: 1 } },
      rankedBy('groups', [['Staff', 70]]),
      {
        took: 1,
        hits: hits(100),
        aggregations: {
          all: { doc_count: 100 },
          groups: { buckets: [{ doc_count: 70 }] },
          values: { value: 130 },
          none: { doc_count: 10 },
        },
      },
    );
    expect(result).toMatchObject({
      rows: [
        { key: 'Staff', value: 70 },
        { key: '__none__', value: 10 },
        { key: '__other__', value: 60 },
      ],
      total: 100,
    });
  });

  it('timeseries: records without a value for the stacked field are a None series, not part of Other', () => {
    const t0 = 1795000000000;
    const result = ranked(
      { timeRange: { last: '7d' }, view: { type: 'timeseries', stackBy: 'reason', top: 1 } },
      rankedBy('stacks', [['user_approved', 6]]),
      {
        took: 1,
        hits: hits(0),
        aggregations: {
          all: { doc_count: 0 },
          over_time: { buckets: [{ key: t0, doc_count: 10 }] },
          stacks: { buckets: [{ doc_count: 6, over_time: { buckets: [{ key: t0, doc_count: 6 }] } }] },
          none: { doc_count: 3, over_time: { buckets: [{ key: t0, doc_count: 3 }] } },
        },
      },
    );
    expect(result).toMatchObject({
      series: ['user_approved', 'None', 'Other'],
      rows: [{ t: t0, values: { user_approved: 6, None: 3, Other: 1 } }],
    });
  });

  /** Addresses of Tor exits: needs IP reputation, which Duo's own records do not carry. */
  const torAddresses = () =>
    normalized({
      timeRange: { last: '7d' },
      filters: { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: true },
      view: { type: 'breakdown', groupBy: 'access_device.ip' },
    });

  it('breakdown: says "not available for this data" when no record in the window carries a field it needs', () => {
    const def = torAddresses();
    const request = compile(def, TENANT, NOW, OPTIONS);
    // The ranking pass ranks the records the filters select; beside it, one search per needed field
    // asks whether any record in the window, without the filters, carries it.
    const tor = JSON.stringify({ term: { 'access_device.ip_reputation.is_tor': true } });
    expect(JSON.stringify(request.probe?.body.query)).toContain(tor);
    const presence = request.probe && 'presence' in request.probe ? request.probe.presence : [];
    const window = (presence?.[0]?.query as { bool: { filter: unknown[] } }).bool.filter[0];
    expect(JSON.stringify(window)).not.toContain(tor);
    expect(presence?.map((body) => body.query)).toEqual([
      { bool: { filter: [window, { exists: { field: 'access_device.ip' } }] } },
      { bool: { filter: [window, { exists: { field: 'access_device.ip_reputation.is_tor' } }] } },
    ]);
    const rank: EsSearchResponse = { took: 1, hits: { hits: [] }, aggregations: { groups: { buckets: [] } } };
    const carried = (value: number): EsSearchResponse => ({
      took: 1,
      hits: { total: { value, relation: 'eq' }, hits: [] },
    });
    const result = parse(
      def,
      { took: 1, hits: hits(0), aggregations: { all: { doc_count: 0 }, none: { doc_count: 0 } } },
      narrow(request, rank, [carried(1), carried(0)]),
      OPTIONS,
    );
    expect(result).toMatchObject({
      rows: [],
      notAvailable: {
        fields: ['access_device.ip_reputation.is_tor'],
        message: expect.stringMatching(/^not available for this data/),
      },
    });
  });

  it('breakdown: will not decide what the data carries without every presence answer', () => {
    const def = torAddresses();
    const request = compile(def, TENANT, NOW, OPTIONS);
    const rank: EsSearchResponse = { took: 1, hits: { hits: [] }, aggregations: { groups: { buckets: [] } } };
    const counted: EsSearchResponse = { took: 1, hits: { total: { value: 1, relation: 'eq' }, hits: [] } };
    // Read as "none found", a field the data lacks would hide that it lacks it.
    expect(() => narrow(request, rank)).toThrow(/2 presence probes were sent, 0 answers given/);
    expect(() => narrow(request, rank, [counted, { took: 1, hits: { hits: [] } }])).toThrow(
      /presence probe of access_device.ip_reputation.is_tor answered without a total/,
    );
  });

  it('breakdown: cannot be parsed from the ranking pass alone', () => {
    const def = normalized({ timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'reason' } });
    const request = compile(def, TENANT, NOW, OPTIONS);
    expect(() => parse(def, rankedBy('groups', [['x', 1]]), request, OPTIONS)).toThrow(/narrow first/);
  });

  it('breakdown: failure rate per row and for the remainder; flags labelled Yes / No', () => {
    const result = ranked(
      {
        timeRange: { last: '7d' },
        view: {
          type: 'breakdown',
          groupBy: 'access_device.ip_reputation.is_vpn',
          metric: 'failure_rate',
          top: 1,
        },
      },
      rankedBy('groups', [['false', 60]]),
      {
        took: 7,
        hits: hits(100),
        aggregations: {
          all: { doc_count: 100 },
          failed: { doc_count: 40 },
          groups: { buckets: [{ doc_count: 60, failed: { doc_count: 10 } }] },
          none: { doc_count: 0 },
        },
      },
    );
    expect(result).toMatchObject({
      rows: [
        { key: 'false', label: 'No', value: 1 / 6 },
        { key: '__other__', label: 'Other', value: 3 / 4, isOther: true },
      ],
      total: 0.4,
      minAttempts: 10,
    });
  });

  it('breakdown: a failure rate ranks groups by rate, only those with enough attempts to mean something', () => {
    const def = normalized({
      timeRange: { last: '7d' },
      view: { type: 'breakdown', groupBy: 'application.name', metric: 'failure_rate', top: 2, other: false },
    });
    // By attempts: Mail, VPN, Wiki, Payroll. By rate: Payroll (2 of 2, too few to rank), Wiki, VPN.
    const rank: EsSearchResponse = {
      took: 1,
      hits: { hits: [] },
      aggregations: {
        groups: {
          buckets: [
            { key: 'Mail', doc_count: 500, failed: { doc_count: 5 } },
            { key: 'VPN', doc_count: 100, failed: { doc_count: 20 } },
            { key: 'Wiki', doc_count: 40, failed: { doc_count: 20 } },
            { key: 'Payroll', doc_count: 2, failed: { doc_count: 2 } },
          ],
        },
      },
    };
    const request = narrow(compile(def, TENANT, NOW, OPTIONS), rank);
    expect(request.plan).toMatchObject({ keys: ['Wiki', 'VPN', 'Mail'] });
    const result = parse(
      def,
      {
        took: 1,
        hits: hits(642),
        aggregations: {
          all: { doc_count: 642 },
          failed: { doc_count: 47 },
          groups: {
            buckets: [
              { doc_count: 40, failed: { doc_count: 20 } },
              { doc_count: 100, failed: { doc_count: 20 } },
              { doc_count: 500, failed: { doc_count: 5 } },
            ],
          },
          none: { doc_count: 0, failed: { doc_count: 0 } },
        },
      },
      request,
      OPTIONS,
    );
    expect(result).toMatchObject({
      rows: [
        { key: 'Wiki', value: 0.5 },
        { key: 'VPN', value: 0.2 },
      ],
      minAttempts: 10,
    });
  });

  it('breakdown: distinct counts have no remainder row', () => {
    const result = ranked(
      {
        timeRange: { last: '7d' },
        view: { type: 'breakdown', groupBy: 'application.name', metric: 'distinct_users' },
      },
      rankedBy('groups', [['VPN', 7]]),
      {
        took: 1,
        hits: hits(10),
        aggregations: {
          all: { doc_count: 10 },
          distinct: { value: 9 },
          groups: { buckets: [{ doc_count: 7, distinct: { value: 5 } }] },
          none: { doc_count: 0, distinct: { value: 0 } },
        },
      },
    );
    expect(result).toMatchObject({ rows: [{ key: 'VPN', value: 5 }], total: 9 });
  });

  it('timeseries: one value per stack per bucket, zeros where a stack is absent, Other as the rest', () => {
    const t0 = 1795000000000;
    const t1 = t0 + 3_600_000;
    const result = ranked(
      { timeRange: { last: '7d' }, view: { type: 'timeseries', stackBy: 'result', top: 2 } },
      rankedBy('stacks', [
        ['success', 7],
        ['denied', 2],
      ]),
      {
        took: 3,
        hits: hits(0),
        aggregations: {
          all: { doc_count: 0 },
          over_time: {
            buckets: [
              { key: t0, doc_count: 10 },
              { key: t1, doc_count: 0 },
            ],
          },
          stacks: {
            buckets: [
              {
                doc_count: 7,
                over_time: {
                  buckets: [
                    { key: t0, doc_count: 7 },
                    { key: t1, doc_count: 0 },
                  ],
                },
              },
              { doc_count: 2, over_time: { buckets: [{ key: t0, doc_count: 2 }] } },
            ],
          },
          none: { doc_count: 0, over_time: { buckets: [] } },
        },
      },
    );
    expect(result).toEqual({
      view: 'timeseries',
      metric: 'count',
      interval: '1h',
      series: ['success', 'denied', 'Other'],
      rows: [
        { t: t0, values: { success: 7, denied: 2, Other: 1 } },
        { t: t1, values: { success: 0, denied: 0, Other: 0 } },
      ],
      meta: { ...meta, tookMs: 3 },
    });
  });

  it('timeseries: a single series is named after the metric', () => {
    const result = run(
      { timeRange: { last: '7d' }, view: { type: 'timeseries', metric: 'distinct_users' } },
      {
        took: 1,
        hits: hits(0),
        aggregations: {
          all: { doc_count: 0 },
          over_time: { buckets: [{ key: 5, doc_count: 3, distinct: { value: 2 } }] },
        },
      },
    );
    expect(result).toMatchObject({
      series: ['distinct_users'],
      rows: [{ t: 5, values: { distinct_users: 2 } }],
    });
  });

  it('geo: country rows with the country name and centroid; grid cells keyed z/x/y', () => {
    const country = run(
      { timeRange: { last: '7d' }, view: { type: 'geo', mode: 'country' } },
      {
        took: 1,
        hits: hits(0),
        aggregations: {
          all: { doc_count: 0 },
          cells: {
            buckets: [
              {
                key: 'DE',
                doc_count: 4,
                name: { buckets: [{ key: 'Germany', doc_count: 4 }] },
                centroid: { location: { lat: 52.5, lon: 13.4 }, count: 4 },
              },
              { key: 'XX', doc_count: 1, name: { buckets: [] }, centroid: { count: 0 } },
            ],
          },
          unknown_country: { doc_count: 0 },
          no_country: { doc_count: 0 },
        },
      },
    );
    expect(country).toMatchObject({
      mode: 'country',
      rows: [
        { key: 'DE', label: 'Germany', value: 4, lat: 52.5, lon: 13.4 },
        { key: 'XX', value: 1 },
      ],
    });
    expect(country.view === 'geo' && country.rows[1]).not.toHaveProperty('lat');
  });

  it('geo: by country, attempts from a country no ISO code names and from no country are rows of their own', () => {
    const result = run(
      { timeRange: { last: '7d' }, view: { type: 'geo', mode: 'country' } },
      {
        took: 1,
        hits: hits(0),
        aggregations: {
          all: { doc_count: 0 },
          cells: { buckets: [{ key: 'KZ', doc_count: 5, name: { buckets: [] }, centroid: { count: 0 } }] },
          unknown_country: { doc_count: 3 },
          no_country: { doc_count: 2 },
        },
      },
    );
    expect(result).toMatchObject({
      rows: [
        { key: 'KZ', value: 5 },
        { key: '__unknown__', label: 'Unknown', value: 3 },
        { key: '__none__', label: 'None', value: 2 },
      ],
    });
  });

  it('significant: values more frequent in the period than before it, with both rates and the lift; normal traffic never ranks', () => {
    // 1,000 records: 900 in the 30 days before, 100 in the period.
    const counted: [key: string, all: number, period: number][][] = [
      [
        ['user_approved', 800, 60],
        ['steady', 150, 15],
        ['locked_out', 20, 10],
        ['newcomer', 6, 6],
        ['rare', 3, 2],
      ],
      [['mallory', 52, 50]],
    ];
    const rank: EsSearchResponse = {
      took: 1,
      hits: { hits: [] },
      aggregations: Object.fromEntries(
        counted.map((rows, i) => [
          `significant_${i}`,
          { buckets: rows.map(([key, , n]) => ({ key, doc_count: n })) },
        ]),
      ),
    };
    const result = ranked(
      { timeRange: { last: '24h' }, view: { type: 'significant', fields: ['reason', 'user.name'], size: 5 } },
      rank,
      {
        took: 1,
        hits: hits(1000),
        aggregations: {
          all: { doc_count: 1000 },
          period: { doc_count: 100 },
          ...Object.fromEntries(
            counted.map((rows, i) => [
              `significant_${i}`,
              // Terms buckets, in Elasticsearch's order (by count), not the candidates'.
              {
                buckets: rows
                  .map(([key, all, n]) => ({ key, doc_count: all, period: { doc_count: n } }))
                  .reverse(),
              },
            ]),
          ),
        },
      },
    );
    const before = (n: number) => n / 900;
    expect(result).toMatchObject({
      rows: [
        {
          field: 'user.name',
          key: 'mallory',
          count: 50,
          backgroundCount: 2,
          rate: 0.5,
          backgroundRate: before(2),
          lift: 0.5 / before(2),
          score: (0.5 - before(2)) * (0.5 / before(2)),
        },
        {
          field: 'reason',
          key: 'newcomer',
          count: 6,
          backgroundCount: 0,
          backgroundRate: 0,
          lift: 0.06 / before(0.5),
        },
        { field: 'reason', key: 'locked_out', count: 10, backgroundCount: 10, lift: 0.1 / before(10) },
      ],
    });
    expect(result.view === 'significant' && result.rows.map((r) => r.key)).not.toContain('steady');
  });

  it('log: a page of records and a cursor after its last row only when more exist', () => {
    const def: ReportDefinition = { timeRange: { last: '24h' }, view: { type: 'log', pageSize: 2 } };
    const hit = (i: number) => ({
      _source: { txid: `t${i}`, ts: '2026-11-20T10:00:00Z' },
      sort: [1000 - i, `t${i}`],
    });
    const full = run(def, {
      took: 1,
      hits: { total: { value: 3, relation: 'eq' }, hits: [hit(1), hit(2), hit(3)] },
    });
    expect(full).toMatchObject({ rows: [{ txid: 't1' }, { txid: 't2' }], total: 3 });
    const d = normalized(def);
    const req = compile(d, TENANT, NOW, OPTIONS);
    const plan = req.plan.view === 'log' ? req.plan : null;
    const cursor = full.view === 'log' ? full.nextCursor : null;
    const scope = { tenant: TENANT, fingerprint: plan!.fingerprint, sortLength: 2, timeRange: d.timeRange };
    expect(decodeCursor(OPTIONS.cursors, cursor!, scope)).toMatchObject({ after: [998, 't2'], total: 3 });
    const last = run(def, { took: 1, hits: { total: { value: 2, relation: 'eq' }, hits: [hit(1), hit(2)] } });
    expect(last).toMatchObject({ nextCursor: null, total: 2 });
  });
});
