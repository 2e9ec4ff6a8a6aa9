import { describe, expect, it } from 'vitest';
import { reportDefinitionSchema, type ReportDefinition } from './definition';
import { toIssues } from './issues';

function issues(input: unknown) {
  const r = reportDefinitionSchema.safeParse(input);
  if (r.success) throw new Error('expected the definition to be refused');
  return toIssues(r.error);
}
const week = { last: '7d' };

describe('report definitions', () => {
  it('fills defaults: UTC, count, top 10, auto interval, page size 100', () => {
    const def: ReportDefinition = { timeRange: week, view: { type: 'timeseries' } };
    expect(reportDefinitionSchema.parse(def)).toEqual({
      timeRange: { last: '7d', timeZone: 'UTC' },
      view: { type: 'timeseries', interval: 'auto', top: 10, metric: 'count' },
    });
    const log = reportDefinitionSchema.parse({ timeRange: week, view: { type: 'log' } });
    expect(log.view).toEqual({ type: 'log', pageSize: 100 });
  });

  it('names every problem with its path, not just the first', () => {
    const found = issues({
      timeRange: { last: '7d', timeZone: 'Mars/Olympus' },
      filters: {
        and: [
          { field: 'customer_id', op: 'eq', value: 'other' },
          {
            or: [
              { field: 'result', op: 'eq', value: 'SUCCESS' },
              { field: 'result', op: 'search', value: 'x' },
            ],
          },
          { not: { field: 'nope', op: 'eq', value: 1 } },
        ],
      },
      view: { type: 'log', pageSize: 5000, columns: ['zzz'] },
    });
    expect(found).toEqual([
      { path: 'timeRange.timeZone', message: expect.stringContaining('IANA time zone') },
      { path: 'filters.and.0.field', message: "field 'customer_id' cannot be used in a filter" },
      {
        path: 'filters.and.1.or.0.value',
        message: expect.stringContaining("'SUCCESS' is not one of success"),
      },
      {
        path: 'filters.and.1.or.1.field',
        message: expect.stringContaining("field 'result' is not searchable"),
      },
      { path: 'filters.and.2.not.field', message: "unknown field 'nope'" },
      { path: 'view.columns.0', message: "unknown field 'zzz'" },
      { path: 'view.pageSize', message: 'pageSize may be at most 1000' },
    ]);
  });

  it('refuses grouping by a field the schema does not mark groupable, naming it', () => {
    expect(issues({ timeRange: week, view: { type: 'breakdown', groupBy: 'txid' } })).toEqual([
      { path: 'view.groupBy', message: "field 'txid' cannot be grouped by" },
    ]);
    expect(issues({ timeRange: week, view: { type: 'timeseries', stackBy: 'ts' } })[0]?.message).toBe(
      "field 'ts' cannot be grouped by",
    );
  });

  it('refuses a range whose from is after its to, absolute or in a filter', () => {
    expect(
      issues({
        timeRange: { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        view: { type: 'log' },
      }),
    ).toEqual([{ path: 'timeRange.from', message: 'time range: from is not before to' }]);
    const inFilter = issues({
      timeRange: week,
      filters: { field: 'ts', op: 'range', gte: '2026-01-02T00:00:00Z', lte: '2026-01-01T00:00:00Z' },
      view: { type: 'log' },
    });
    expect(inFilter[0]!.message).toContain('is after lte');
  });

  it('checks filter values against the field kind and its operands against the op', () => {
    const found = issues({
      timeRange: week,
      filters: {
        and: [
          { field: 'access_device.ip', op: 'eq', value: 'not-an-ip' },
          { field: 'seq', op: 'eq', value: 1 },
          { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: 'yes' },
          { field: 'result', op: 'in', values: [] },
          { field: 'result', op: 'range', gte: 1 },
          { field: 'factor', op: 'eq', value: 'sms', values: ['x'] },
        ],
      },
      view: { type: 'log' },
    });
    expect(found.map((i) => i.path)).toEqual([
      'filters.and.0.value',
      'filters.and.1.field',
      'filters.and.2.value',
      'filters.and.3.values',
      'filters.and.4.field',
      'filters.and.5.values',
    ]);
    expect(found[1]!.message).toBe("field 'seq' cannot be used in a filter");
    expect(found[4]!.message).toContain("'result' is keyword");
  });

  it('accepts CIDR blocks, tri-state "unknown" and the exists operator', () => {
    const ok = reportDefinitionSchema.safeParse({
      timeRange: { from: '2026-01-01T00:00:00+01:00', to: '2026-01-02T00:00:00Z', timeZone: 'Europe/Berlin' },
      filters: {
        and: [
          { field: 'access_device.ip', op: 'in', values: ['10.0.0.0/8', '2001:db8::1'] },
          { field: 'access_device.is_password_set', op: 'eq', value: 'unknown' },
          { field: 'reason', op: 'exists', value: false },
        ],
      },
      view: { type: 'geo', mode: 'grid', precision: 5 },
    });
    expect(ok.success).toBe(true);
  });

  it('refuses an "other" remainder for distinct counts, and unknown view types', () => {
    expect(
      issues({
        timeRange: week,
        view: { type: 'breakdown', groupBy: 'result', metric: 'distinct_users', other: true },
      }),
    ).toEqual([{ path: 'view.other', message: expect.stringContaining('distinct counts do not add up') }]);
    expect(issues({ timeRange: week, view: { type: 'pie' } })[0]!.path).toBe('view.type');
  });

  it('refuses relative spans it cannot read or that reach too far back', () => {
    expect(issues({ timeRange: { last: '7 days' }, view: { type: 'log' } })[0]!.path).toBe('timeRange.last');
    expect(issues({ timeRange: { last: '999d' }, view: { type: 'log' } })[0]!.message).toContain('400 days');
  });

  it('reports only that a relative span cannot be read, not that it is too long as well', () => {
    expect(issues({ timeRange: { last: '7x' }, view: { type: 'log' } })).toEqual([
      { path: 'timeRange.last', message: "expected a relative span such as '15m', '24h', '7d', '2w'" },
    ]);
  });

  it('reports a missing or unreadable end of an absolute range once, without judging the order', () => {
    expect(issues({ timeRange: { from: '2026-01-01T00:00:00Z' }, view: { type: 'log' } })).toEqual([
      { path: 'timeRange.to', message: expect.any(String) },
    ]);
    // Date.parse would read both of these (as NaN and as 2 March), making from look after to.
    for (const to of ['', '2026-02-30T00:00:00Z'])
      expect(issues({ timeRange: { from: '2026-03-05T00:00:00Z', to }, view: { type: 'log' } })).toEqual([
        { path: 'timeRange.to', message: 'expected an ISO 8601 date-time with offset' },
      ]);
  });
});

describe('time series spans', () => {
  const series = (from: string, to: string) => ({ timeRange: { from, to }, view: { type: 'timeseries' } });

  it('refuses an absolute range longer than 100 years, naming the time range, whatever the interval', () => {
    const message = 'a time series spans at most 100 years; this range spans 150';
    expect(issues(series('1950-01-01T00:00:00Z', '2100-01-01T00:00:00Z'))).toEqual([
      { path: 'timeRange', message },
    ]);
    const yearly = {
      ...series('1950-01-01T00:00:00Z', '2100-01-01T00:00:00Z'),
      view: { type: 'timeseries', interval: '1y' },
    };
    expect(issues(yearly)).toEqual([{ path: 'timeRange', message }]);
  });

  it('accepts exactly 100 years; views without time buckets are held to 100 years as well', () => {
    expect(
      reportDefinitionSchema.safeParse(series('1950-01-01T00:00:00Z', '2050-01-01T00:00:00Z')).success,
    ).toBe(true);
    const log = (to: string) => ({ timeRange: { from: '1950-01-01T00:00:00Z', to }, view: { type: 'log' } });
    expect(reportDefinitionSchema.safeParse(log('2050-01-01T00:00:00Z')).success).toBe(true);
    expect(issues(log('2100-01-01T00:00:00Z'))).toEqual([
      { path: 'timeRange', message: 'a time range spans at most 100 years; this range spans 150' },
    ]);
  });
});

describe('time zones', () => {
  const zoned = (timeZone: string) =>
    reportDefinitionSchema.parse({ timeRange: { last: '24h', timeZone }, view: { type: 'timeseries' } })
      .timeRange.timeZone;

  it('passes on the canonical name, which Elasticsearch reads, for names only Intl accepts', () => {
    expect(zoned('utc')).toBe('UTC');
    expect(zoned('US/Eastern')).toBe('America/New_York');
    expect(zoned('ROC')).toBe('Asia/Taipei');
    expect(zoned('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('names the zone and its path when there is none Elasticsearch can use', () => {
    for (const zone of ['Mars/Olympus', 'America/Coyhaique'])
      expect(issues({ timeRange: { last: '24h', timeZone: zone }, view: { type: 'log' } })).toEqual([
        {
          path: 'timeRange.timeZone',
          message: `'${zone}' is not an IANA time zone Elasticsearch knows (e.g. UTC, Europe/Berlin)`,
        },
      ]);
  });
});

describe('filter bounds Elasticsearch could not read', () => {
  const rangeOn = (field: string, gte: unknown, lte?: unknown) =>
    issues({
      timeRange: week,
      filters: { field, op: 'range', gte, ...(lte === undefined ? {} : { lte }) },
      view: { type: 'log' },
    });

  it('refuses epoch milliseconds outside the years 0000 to 9999, naming the field and the bound', () => {
    expect(rangeOn('ts', 1e300)).toEqual([
      {
        path: 'filters.gte',
        message:
          'ts: epoch milliseconds must lie between -62167219200000 (0000-01-01) and 253402300799999 (9999-12-31), got 1e+300',
      },
    ]);
    expect(rangeOn('ts', 0, -1e17)[0]!.path).toBe('filters.lte');
    const edges = { field: 'ts', op: 'range', gte: -62167219200000, lte: 253402300799999 };
    expect(
      reportDefinitionSchema.safeParse({ timeRange: week, filters: edges, view: { type: 'log' } }).success,
    ).toBe(true);
  });

  it('refuses an IP range whose gte is after its lte, as Elasticsearch orders addresses', () => {
    expect(rangeOn('access_device.ip', '10.0.0.9', '10.0.0.1')).toEqual([
      { path: 'filters.gte', message: "range on 'access_device.ip': gte 10.0.0.9 is after lte 10.0.0.1" },
    ]);
    // IPv4 addresses sort as ::ffff:a.b.c.d, after ::1 and before 2001:db8::.
    expect(rangeOn('access_device.ip', '2001:db8::', '10.0.0.1')[0]!.message).toContain('is after lte');
    for (const [gte, lte] of [
      ['10.0.0.1', '10.0.0.9'],
      ['10.0.0.1', '10.0.0.1'],
      ['::1', '10.0.0.1'],
      ['10.0.0.1', '2001:db8::'],
    ]) {
      const filters = { field: 'access_device.ip', op: 'range', gte, lte };
      expect(
        reportDefinitionSchema.safeParse({ timeRange: week, filters, view: { type: 'log' } }).success,
      ).toBe(true);
    }
  });
});
