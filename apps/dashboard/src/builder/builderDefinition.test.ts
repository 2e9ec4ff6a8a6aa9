import { describe, expect, it } from 'vitest';
import { reportScope } from '../state/reportScope';
import { defaultState } from '../state/urlState';
import { builderDefinition } from './builderDefinition';

const scope = reportScope({
  ...defaultState('UTC'),
  filters: [{ kind: 'is', field: 'result', values: ['denied'] }],
});

describe('the builder definition', () => {
  it('maps each chart to its view, keeping the page time range and filters', () => {
    expect(builderDefinition({ view: 'donut', groupBy: 'factor', metric: 'count' }, scope)).toEqual({
      timeRange: { last: '24h', timeZone: 'UTC' },
      filters: { field: 'result', op: 'eq', value: 'denied' },
      view: { type: 'breakdown', groupBy: 'factor', metric: 'count', top: 8, other: true },
    });
    expect(
      builderDefinition({ view: 'stacked-area', groupBy: 'reason', metric: 'failure_rate' }, scope).view,
    ).toEqual({
      type: 'timeseries',
      interval: 'auto',
      stackBy: 'reason',
      metric: 'failure_rate',
      top: 5,
      other: false,
    });
    expect(
      builderDefinition({ view: 'map', groupBy: 'reason', metric: 'distinct_users' }, scope).view,
    ).toEqual({
      type: 'geo',
      mode: 'country',
      metric: 'distinct_users',
    });
  });

  it('asks for no "Other" remainder when the metric is a distinct count', () => {
    expect(
      builderDefinition({ view: 'donut', groupBy: 'application.name', metric: 'distinct_ips' }, scope).view,
    ).toMatchObject({ type: 'breakdown', other: false });
  });

  it('asks for no "Other" remainder for a failure rate: the rest’s rate is not a group of its own', () => {
    expect(
      builderDefinition({ view: 'donut', groupBy: 'application.name', metric: 'failure_rate' }, scope).view,
    ).toMatchObject({ type: 'breakdown', metric: 'failure_rate', other: false });
  });

  it('makes the table a log of records with the chosen field as a column', () => {
    expect(builderDefinition({ view: 'table', groupBy: 'factor', metric: 'count' }, scope).view).toEqual({
      type: 'log',
      columns: ['ts', 'factor', 'result', 'user.name', 'application.name'],
      sort: [{ field: 'ts', order: 'desc' }],
      pageSize: 100,
    });
    expect(
      builderDefinition({ view: 'table', groupBy: 'result', metric: 'count' }, scope).view,
    ).toMatchObject({
      columns: ['ts', 'result', 'user.name', 'application.name'],
    });
  });
});
