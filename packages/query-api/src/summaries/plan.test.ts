import { describe, expect, it } from 'vitest';
import { BAD_REPUTATION, type FilterNode } from '@sightline/schema/reports';
import {
  cubeFor,
  filterFields,
  implies,
  planMultiCube,
  planSummaries,
  splitWindows,
  summaryScopedQuery,
  tsWithin,
  wholeHourOffsets,
} from './plan';

const H = 3_600_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const at = (hours: number, minutes = 0) => T0 + hours * H + minutes * 60_000;

describe('a window of time in a search over summaries and records', () => {
  const range = (from: number, to: number) => ({
    range: { ts: { gte: from, lt: to, format: 'epoch_millis' } },
  });

  it('names the exact instants for records only, and whole hours for summary documents', () => {
    const [summaries, records] = tsWithin({ from: at(1, 17), to: at(5, 43) }, true).bool!.should as {
      bool: { filter: unknown[]; must_not?: unknown[] };
    }[];
    const isSummary = summaries!.bool.filter[0];
    // A summary document starts on its hour; the hours holding the ends are read from the records.
    expect(summaries!.bool).toEqual({ filter: [isSummary, range(at(2), at(5))] });
    expect(records!.bool).toEqual({ must_not: [isSummary], filter: [range(at(1, 17), at(5, 43))] });
  });

  it('keeps a range on the hour as it is, matches no summary document within one hour, and is a plain range over the records alone', () => {
    const summaryBounds = (from: number, to: number) =>
      (tsWithin({ from, to }, true).bool!.should as { bool: { filter: unknown[] } }[])[0]!.bool.filter[1];
    expect(summaryBounds(at(2), at(5))).toEqual(range(at(2), at(5)));
    // Both ends in the same hour: read from the records, an empty range for summaries.
    expect(summaryBounds(at(2, 10), at(2, 50))).toEqual(range(at(3), at(2)));
    expect(tsWithin({ from: at(1, 17), to: at(5, 43) }, false)).toEqual(range(at(1, 17), at(5, 43)));
  });
});

describe('splitting a range between summaries and records', () => {
  it('reads whole hours from summaries and the partial hours at both edges from the records', () => {
    expect(splitWindows([at(1, 17), at(5, 43)], at(100))).toEqual({
      summarised: [{ from: at(2), to: at(5) }],
      raw: [
        { from: at(1, 17), to: at(2) },
        { from: at(5), to: at(5, 43) },
      ],
    });
  });

  it('reads the hours not summarised yet from the records', () => {
    expect(splitWindows([at(0), at(10)], at(6))).toEqual({
      summarised: [{ from: at(0), to: at(6) }],
      raw: [{ from: at(6), to: at(10) }],
    });
  });

  it('reads an hour holding a cut point (the start of the period compared with) from the records', () => {
    expect(splitWindows([at(0, 30), at(3, 30), at(6, 30)], at(100))).toEqual({
      summarised: [
        { from: at(1), to: at(3) },
        { from: at(4), to: at(6) },
      ],
      raw: [
        { from: at(0, 30), to: at(1) },
        { from: at(3), to: at(4) },
        { from: at(6), to: at(6, 30) },
      ],
    });
  });

  it('leaves a range shorter than a whole hour to the records', () => {
    expect(splitWindows([at(1, 10), at(1, 50)], at(100))).toEqual({
      summarised: [],
      raw: [{ from: at(1, 10), to: at(1, 50) }],
    });
  });
});

describe('choosing a cube', () => {
  it('takes the smallest cube holding every field, and none when no cube does', () => {
    expect(cubeFor(['result', 'application.name'])).toBe('applications');
    expect(cubeFor(['result', 'application.name', 'reason'])).toBe('dimensions');
    expect(cubeFor(['user.name', 'result'])).toBe('users');
    expect(cubeFor(['user.name', 'application.name'])).toBeNull();
    expect(cubeFor(['access_device.ip'])).toBeNull();
  });

  it('takes a cube with the centroid sums when a map needs them', () => {
    const country = ['access_device.location.country', 'access_device.location.country_code'] as const;
    expect(cubeFor(country, undefined, { centroid: true })).toBe('countries');
    expect(cubeFor([...country, 'application.name'], undefined, { centroid: true })).toBe('dimensions');
    expect(cubeFor(['result', 'access_device.location.country_code'], undefined, { centroid: true })).toBe(
      'countries',
    );
    expect(
      cubeFor(['user.name', 'access_device.location.country_code'], undefined, { centroid: true }),
    ).toBeNull();
  });

  it('takes the risky-IPs cube only for filters that keep to addresses with a bad reputation', () => {
    const ip = ['access_device.ip', 'event_type', 'access_device.ip_reputation.is_vpn'] as const;
    const auth: FilterNode = { field: 'event_type', op: 'eq', value: 'authentication' };
    const tor: FilterNode = { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: true };
    const vpn: FilterNode = { field: 'access_device.ip_reputation.is_vpn', op: 'eq', value: true };
    expect(cubeFor(ip, { and: [auth, BAD_REPUTATION] })).toBe('risky_ips');
    expect(cubeFor(ip, { and: [auth, vpn] })).toBe('risky_ips');
    expect(cubeFor(ip, { or: [tor, vpn] })).toBe('risky_ips');
    expect(cubeFor(ip, { field: 'access_device.ip_reputation.is_tor', op: 'in', values: [true] })).toBe(
      'risky_ips',
    );
    // Clean addresses too, or none of the condition: the cube lacks those records.
    expect(cubeFor(ip, undefined)).toBeNull();
    expect(cubeFor(ip, auth)).toBeNull();
    expect(cubeFor(ip, { or: [auth, vpn] })).toBeNull();
    expect(cubeFor(ip, { not: BAD_REPUTATION })).toBeNull();
    expect(cubeFor(ip, { field: 'access_device.ip_reputation.is_vpn', op: 'eq', value: false })).toBeNull();
    expect(
      cubeFor(ip, { field: 'access_device.ip_reputation.is_tor', op: 'in', values: [true, false] }),
    ).toBeNull();
  });

  it('proves implication from the shapes of filters, never more than holds', () => {
    const a: FilterNode = { field: 'result', op: 'eq', value: 'denied' };
    const b: FilterNode = { field: 'reason', op: 'eq', value: 'user_cancelled' };
    expect(implies({ and: [a, b] }, { or: [b, a] })).toBe(true);
    expect(implies({ and: [a, b] }, { and: [b, a] })).toBe(true);
    expect(implies(a, { and: [a, b] })).toBe(false);
    expect(implies({ or: [] }, a)).toBe(false);
    expect(implies({ not: { not: a } }, a)).toBe(false);
  });

  it('knows the fields a filter compares, and refuses tests summaries cannot answer', () => {
    expect(
      filterFields({
        and: [
          { field: 'result', op: 'in', values: ['denied'] },
          { not: { field: 'factor', op: 'eq', value: 'sms_passcode' } },
        ],
      }),
    ).toEqual(new Set(['result', 'factor']));
    expect(filterFields({ text: 'alice' })).toBeNull();
    expect(filterFields({ field: 'user.name', op: 'search', value: 'ali' })).toBeNull();
    expect(
      filterFields({ field: 'access_device.ip', op: 'range', gte: '10.0.0.0', lte: '10.0.0.255' }),
    ).toBeNull();
  });

  it('plans nothing without coverage, for fields outside every cube, or without a whole summarised hour', () => {
    const range = [at(0, 5), at(30)];
    expect(planSummaries(['result'], undefined, range, undefined, 'authlog')).toBeNull();
    expect(planSummaries(['access_device.ip'], undefined, range, { through: at(40) }, 'authlog')).toBeNull();
    expect(planSummaries(['result'], undefined, range, { through: at(1) }, 'authlog')).toBeNull();
    expect(planSummaries(['result'], undefined, range, { through: at(40) }, 'authlog')).toMatchObject({
      cube: 'reasons',
      index: 'authlog,sightline-summary-reasons-v3',
    });
  });
});

describe('whole days from daily cubes', () => {
  const D = 24 * H;
  const USERS = ['access_device.location.country', 'user.name'] as const;
  const authentications: FilterNode = { field: 'event_type', op: 'eq', value: 'authentication' };

  it('reads the users of whole UTC days from the daily cube, and the hours around them from the hourly one', () => {
    // From 05:17 on day 0 to 10:40 on day 3, summarised through day 3's 08:00.
    const split = planMultiCube(
      USERS,
      authentications,
      [at(5, 17), at(3 * 24 + 10, 40)],
      { through: at(3 * 24 + 8) },
      'authlog',
    )!;
    expect(split.cubes).toEqual([['countries'], ['users', 'users_daily']]);
    expect(split.index).toBe(
      'authlog,sightline-summary-countries-v3,sightline-summary-users-v3,sightline-summary-users_daily-v3',
    );
    expect(split.summarised).toEqual([{ from: at(6), to: at(3 * 24 + 8) }]);
    expect(split.daily).toEqual({
      hourly: ['users'],
      daily: ['users_daily'],
      days: [{ from: T0 + D, to: T0 + 3 * D }],
    });
  });

  it('keeps to the hourly cube where the daily one lacks a field the filters compare, or no whole day is summarised', () => {
    const byCountry: FilterNode = { field: 'access_device.location.country_code', op: 'eq', value: 'FR' };
    const filtered = planMultiCube(
      ['user.name'],
      byCountry,
      [at(0), at(24 * 5)],
      { through: at(24 * 5) },
      'authlog',
    )!;
    expect(filtered.cubes).toEqual([['users']]);
    expect(filtered.daily).toBeUndefined();
    const short = planMultiCube(['user.name'], undefined, [at(1), at(30)], { through: at(30) }, 'authlog')!;
    expect(short.daily).toBeUndefined();
  });

  it('takes no day across a cut point on the hour: the period starting at 08:00 keeps its day to the hourly cube', () => {
    // Background from day 0 08:00, period from day 5 08:00 to day 6 08:00: one joined summarised window.
    const split = planMultiCube(
      ['user.name'],
      undefined,
      [at(8), at(5 * 24 + 8), at(6 * 24 + 8)],
      { through: at(7 * 24) },
      'authlog',
    )!;
    expect(split.summarised).toEqual([{ from: at(8), to: at(6 * 24 + 8) }]);
    expect(split.daily!.days).toEqual([{ from: T0 + D, to: T0 + 5 * D }]);
  });

  it('leaves every daily document out of a search reading no whole day, and matches nothing in no window at all', () => {
    const noDays = summaryScopedQuery('acme', {
      summarised: [{ from: at(6), to: at(20) }],
      raw: [],
      daily: { hourly: ['users'], daily: ['users_daily'], days: [] },
    });
    const [, sources] = (noDays as { bool: { filter: { bool: { should: unknown[] } }[] } }).bool.filter;
    expect(sources!.bool.should).toEqual([
      {
        bool: {
          filter: [
            { prefix: { _index: 'sightline-summary-' } },
            {
              bool: {
                should: [{ range: { ts: { gte: at(6), lt: at(20), format: 'epoch_millis' } } }],
                minimum_should_match: 1,
              },
            },
          ],
          must_not: [{ term: { _index: 'sightline-summary-users_daily-v3' } }],
        },
      },
    ]);
    // No window at all: nothing, not everything (a bool with an empty should matches every document).
    expect(summaryScopedQuery('acme', { summarised: [], raw: [] })).toEqual({
      bool: { filter: [{ term: { customer_id: 'acme' } }, { match_none: {} }] },
    });
  });

  it('leaves out the hourly documents of the days a daily cube stands for, and the daily documents elsewhere', () => {
    const days = [{ from: T0 + D, to: T0 + 2 * D }];
    const query = summaryScopedQuery('acme', {
      summarised: [{ from: at(6), to: at(50) }],
      raw: [],
      daily: { hourly: ['users'], daily: ['users_daily'], days },
    });
    const inDays = {
      bool: {
        should: [{ range: { ts: { gte: T0 + D, lt: T0 + 2 * D, format: 'epoch_millis' } } }],
        minimum_should_match: 1,
      },
    };
    expect(query).toEqual({
      bool: {
        filter: [
          { term: { customer_id: 'acme' } },
          {
            bool: {
              should: [
                {
                  bool: {
                    filter: [
                      { prefix: { _index: 'sightline-summary-' } },
                      {
                        bool: {
                          should: [{ range: { ts: { gte: at(6), lt: at(50), format: 'epoch_millis' } } }],
                          minimum_should_match: 1,
                        },
                      },
                    ],
                    must_not: [
                      { term: { _index: 'sightline-summary-users_daily-v3' } },
                      { bool: { filter: [{ term: { _index: 'sightline-summary-users-v3' } }, inDays] } },
                    ],
                  },
                },
                { bool: { filter: [{ term: { _index: 'sightline-summary-users_daily-v3' } }, inDays] } },
              ],
              minimum_should_match: 1,
            },
          },
        ],
      },
    });
  });
});

describe('the scoped query over records and summaries', () => {
  it('keeps the tenant and the filters as conjuncts around either source', () => {
    const query = summaryScopedQuery(
      'acme',
      { summarised: [{ from: at(1), to: at(2) }], raw: [{ from: at(0, 30), to: at(1) }] },
      { field: 'result', op: 'eq', value: 'denied' },
    );
    expect(query).toEqual({
      bool: {
        filter: [
          { term: { customer_id: 'acme' } },
          {
            bool: {
              should: [
                {
                  bool: {
                    filter: [
                      { prefix: { _index: 'sightline-summary-' } },
                      {
                        bool: {
                          should: [{ range: { ts: { gte: at(1), lt: at(2), format: 'epoch_millis' } } }],
                          minimum_should_match: 1,
                        },
                      },
                    ],
                  },
                },
                {
                  bool: {
                    must_not: [{ prefix: { _index: 'sightline-summary-' } }],
                    filter: [
                      {
                        bool: {
                          should: [{ range: { ts: { gte: at(0, 30), lt: at(1), format: 'epoch_millis' } } }],
                          minimum_should_match: 1,
                        },
                      },
                    ],
                  },
                },
              ],
              minimum_should_match: 1,
            },
          },
          { term: { result: 'denied' } },
        ],
      },
    });
  });

  it('refuses to build a query without a tenant', () => {
    expect(() => summaryScopedQuery('', { summarised: [], raw: [] })).toThrow(/tenant/);
  });
});

describe('time zones', () => {
  it('takes zones a whole number of hours from UTC, through their summer time too', () => {
    expect(wholeHourOffsets('UTC', at(0), at(24 * 365))).toBe(true);
    expect(
      wholeHourOffsets(
        'Europe/Berlin',
        Date.parse('2026-01-01T00:00:00Z'),
        Date.parse('2026-12-31T00:00:00Z'),
      ),
    ).toBe(true);
  });

  it('refuses zones with half or quarter hours, and one that moves by half an hour in summer', () => {
    expect(wholeHourOffsets('Asia/Kolkata', at(0), at(24))).toBe(false);
    expect(wholeHourOffsets('Asia/Kathmandu', at(0), at(24))).toBe(false);
    // Lord Howe Island: +10:30 in winter, +11 in summer (from early October to early April).
    expect(
      wholeHourOffsets(
        'Australia/Lord_Howe',
        Date.parse('2026-01-01T00:00:00Z'),
        Date.parse('2026-01-05T00:00:00Z'),
      ),
    ).toBe(true);
    expect(
      wholeHourOffsets(
        'Australia/Lord_Howe',
        Date.parse('2026-01-01T00:00:00Z'),
        Date.parse('2026-06-01T00:00:00Z'),
      ),
    ).toBe(false);
  });
});
