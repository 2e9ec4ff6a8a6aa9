import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from './compile';
import type { ReportDefinition } from './definition';
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
      index: 'sightline-authlog,sightline-summary-reasons-v1',
    });
    expect(
      source({ timeRange: week, view: { type: 'breakdown', groupBy: 'user.name', metric: 'failure_rate' } }),
    ).toEqual({ source: 'summaries', index: 'sightline-authlog,sightline-summary-users-v1' });
    expect(source({ timeRange: week, view: { type: 'headline' } }).source).toBe('summaries');
    expect(source({ timeRange: week, view: { type: 'timeseries', stackBy: 'result' } }).source).toBe(
      'summaries',
    );
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
    expect(source({ timeRange: week, view: { type: 'geo', mode: 'country' } })).toEqual(records);
    expect(source({ timeRange: { last: '24h' }, view: { type: 'significant' } })).toEqual(records);
    expect(source({ timeRange: week, view: { type: 'log' } }).source).toBe('records');
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
        filters: { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: true },
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
