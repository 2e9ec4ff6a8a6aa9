import { describe, expect, it } from 'vitest';
import { AUTHENTICATIONS, builtinReport, type FilterNode } from '@sightline/schema/reports';
import { reportScope } from '../state/reportScope';
import { defaultState } from '../state/urlState';
import { FAILED_FILTER, OVERVIEW_WIDGETS, overviewReports } from './overviewReports';

describe('the overview reports', () => {
  const base = defaultState('Europe/Berlin');

  it('builds one definition per widget, all on the page time range and zone', () => {
    const reports = overviewReports(reportScope({ ...base, time: { last: '7d' } }));
    expect(Object.keys(reports)).toEqual([...OVERVIEW_WIDGETS]);
    for (const definition of Object.values(reports)) {
      expect(definition.timeRange).toEqual({ last: '7d', timeZone: 'Europe/Berlin' });
    }
  });

  it('reuses the built-in catalog views and their own filters', () => {
    const reports = overviewReports(reportScope(base));
    const summary = builtinReport('auth-summary')!.definition;
    expect(reports.summary.view).toEqual(summary.view);
    expect(reports.summary.filters).toEqual(summary.filters);
    expect(reports.countries.view).toEqual({ type: 'geo', mode: 'country' });
    expect(reports.significant.view.type).toBe('significant');
  });

  it('adds the page filters to every widget, after the widget’s own', () => {
    const reports = overviewReports(
      reportScope({
        ...base,
        filters: [{ kind: 'is', field: 'access_device.location.country_code', values: ['DE'] }],
      }),
    );
    const page = { field: 'access_device.location.country_code', op: 'eq', value: 'DE' };
    expect(reports.countries.filters).toEqual({ and: [AUTHENTICATIONS, page] });
    expect(reports.summary.filters).toEqual({
      and: [builtinReport('auth-summary')!.definition.filters, page],
    });
    expect(reports.latestFailures.filters).toEqual({ and: [FAILED_FILTER, page] });
  });

  it('counts authentication attempts only in every widget, as the note on the page says', () => {
    const conjuncts = (f: FilterNode | undefined): FilterNode[] =>
      f === undefined ? [] : 'and' in f ? f.and.flatMap(conjuncts) : [f];
    for (const [name, definition] of Object.entries(overviewReports(reportScope(base))))
      expect(conjuncts(definition.filters), name).toContainEqual(AUTHENTICATIONS);
  });

  it('asks for the newest failures first', () => {
    const { latestFailures } = overviewReports(reportScope(base));
    expect(latestFailures.view).toMatchObject({
      type: 'log',
      sort: [{ field: 'ts', order: 'desc' }],
      pageSize: 10,
    });
  });
});
