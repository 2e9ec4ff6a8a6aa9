import { describe, expect, it } from 'vitest';
import { figureChange, type ReportDefinition, resultTable } from '@sightline/schema/reports';
import { compile, parse } from '../compile';
import type { EsSearchResponse } from '../es-types';
import { NOW, normalized, OPTIONS, TENANT } from '../test-support';

const to = Date.parse('2026-11-20T10:16:00.000Z');
const DAY = 86_400_000;
const week: ReportDefinition = {
  timeRange: { last: '7d' },
  filters: { field: 'result', op: 'eq', value: 'denied' },
  view: { type: 'headline' },
};

const period = (attempts: number, failed: number, users: number, countries: number) => ({
  // From summaries, a period's documents are several cubes': its own count is none of the figures.
  doc_count: attempts * 3,
  attempts: { doc_count: attempts, failed: { doc_count: failed } },
  users: { value: users },
  countries: { value: countries },
});
const answer = (buckets: Record<string, unknown>): EsSearchResponse => ({
  took: 3,
  hits: { hits: [] },
  aggregations: { periods: { buckets } },
});

describe('headline figures', () => {
  it('compares with the previous period of equal length by default, in one search over both windows', () => {
    const req = compile(normalized(week), TENANT, NOW, OPTIONS);
    const inWindow = (from: number, until: number) => ({
      range: { ts: { gte: from, lt: until, format: 'epoch_millis' } },
    });
    expect(req.body.query).toEqual({
      bool: {
        filter: [
          { term: { customer_id: TENANT } },
          inWindow(to - 14 * DAY, to),
          { term: { result: 'denied' } },
        ],
      },
    });
    const periods = (req.body.aggs?.periods as { filters: { filters: unknown } }).filters.filters;
    expect(periods).toEqual({
      current: inWindow(to - 7 * DAY, to),
      previous: inWindow(to - 14 * DAY, to - 7 * DAY),
    });
    expect(req.body.size).toBe(0);
  });

  it('an absolute range is compared with the same span just before it', () => {
    const def = normalized({
      timeRange: { from: '2026-11-10T00:00:00Z', to: '2026-11-12T12:00:00Z' },
      view: { type: 'headline' },
    });
    const req = compile(def, TENANT, NOW, OPTIONS);
    const result = parse(
      def,
      answer({ current: period(1, 0, 1, 1), previous: period(0, 0, 0, 0) }),
      req,
      OPTIONS,
    );
    expect(result).toMatchObject({
      previous: { from: '2026-11-07T12:00:00.000Z', to: '2026-11-10T00:00:00.000Z' },
      meta: { from: '2026-11-10T00:00:00.000Z', to: '2026-11-12T12:00:00.000Z' },
    });
  });

  it('reads attempts, failure rate, distinct users and countries of both periods', () => {
    const def = normalized(week);
    const result = parse(
      def,
      answer({ current: period(200, 50, 40, 6), previous: period(100, 10, 45, 6) }),
      compile(def, TENANT, NOW, OPTIONS),
      OPTIONS,
    );
    expect(result).toEqual({
      view: 'headline',
      current: { attempts: 200, failed: 50, failureRate: 0.25, distinctUsers: 40, countries: 6 },
      previous: {
        from: new Date(to - 14 * DAY).toISOString(),
        to: new Date(to - 7 * DAY).toISOString(),
        figures: { attempts: 100, failed: 10, failureRate: 0.1, distinctUsers: 45, countries: 6 },
      },
      meta: {
        tookMs: 3,
        from: new Date(to - 7 * DAY).toISOString(),
        to: new Date(to).toISOString(),
        timeZone: 'UTC',
        source: 'records',
      },
    });
    expect(resultTable(result).rows).toEqual([
      ['attempts', '200', '100'],
      ['failure rate', '25.0%', '10.0%'],
      ['distinct users', '40', '45'],
      ['countries', '6', '6'],
    ]);
  });

  it('reads each figure from its own cube when from summaries', () => {
    const def = normalized(week);
    const options = { ...OPTIONS, summaries: { through: Date.parse('2026-11-20T10:00:00Z') } };
    const request = compile(def, TENANT, NOW, options);
    expect(request.source).toBe('summaries');
    const inCube = (value: number) => ({ doc_count: value * 2, counted: { value } });
    // The distinct counts each inside the filter keeping its own cube's documents.
    const figures = (attempts: number, failed: number, users: number, countries: number) => ({
      ...period(attempts, failed, users, countries),
      users: inCube(users),
      countries: inCube(countries),
    });
    const answered = answer({ current: figures(200, 50, 40, 6), previous: figures(100, 10, 45, 5) });
    expect(parse(def, answered, request, options)).toMatchObject({
      current: { attempts: 200, failed: 50, failureRate: 0.25, distinctUsers: 40, countries: 6 },
      previous: { figures: { attempts: 100, failed: 10, distinctUsers: 45, countries: 5 } },
      meta: { source: 'summaries' },
    });
  });

  it("compare: 'none' counts the range alone", () => {
    const def = normalized({ timeRange: { last: '24h' }, view: { type: 'headline', compare: 'none' } });
    const req = compile(def, TENANT, NOW, OPTIONS);
    expect(Object.keys((req.body.aggs?.periods as { filters: { filters: object } }).filters.filters)).toEqual(
      ['current'],
    );
    const result = parse(def, answer({ current: period(0, 0, 0, 0) }), req, OPTIONS);
    expect(result).toMatchObject({ view: 'headline', current: { attempts: 0, failureRate: 0 } });
    expect(result).not.toHaveProperty('previous');
  });

  it('refuses a compare it does not know', () => {
    expect(() =>
      normalized({ timeRange: { last: '7d' }, view: { type: 'headline', compare: 'last-year' as 'none' } }),
    ).toThrow(/compare/);
  });
});

describe('figureChange', () => {
  it('gives the absolute and relative change and its direction', () => {
    expect(figureChange(150, 100)).toEqual({ absolute: 50, relative: 0.5, direction: 'up' });
    expect(figureChange(75, 100)).toEqual({ absolute: -25, relative: -0.25, direction: 'down' });
    expect(figureChange(7, 7)).toEqual({ absolute: 0, relative: 0, direction: 'same' });
  });

  it('has no relative change from nothing', () => {
    expect(figureChange(12, 0)).toEqual({ absolute: 12, relative: null, direction: 'up' });
  });
});
