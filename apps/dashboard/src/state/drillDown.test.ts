import { describe, expect, it } from 'vitest';
import { AUTHENTICATIONS, OTHER_KEY } from '@sightline/schema/reports';
import { FAILED_RESULTS } from '@sightline/schema';
import { FAILED_FILTER } from '../overview/overviewReports';
import { drillDown, requiredValues } from './drillDown';
import { decodeState, defaultState, encodeState } from './urlState';

const page = { ...defaultState('UTC'), time: { last: '7d' as const } };

describe('drill-down from a chart element to its log rows', () => {
  it('opens the log filtered to the element’s value and the widget’s own counting rule', () => {
    const next = drillDown(page, { field: 'result', value: 'denied', own: AUTHENTICATIONS })!;
    expect(next.route).toBe('log');
    expect(next.time).toEqual({ last: '7d' });
    expect(next.filters).toEqual([
      { kind: 'is', field: 'event_type', values: ['authentication'] },
      { kind: 'is', field: 'result', values: ['denied'] },
    ]);
    // The whole view is a link: the pills come back from the URL as they went in.
    const url = new URL(encodeState(next), 'http://x');
    expect(url.pathname).toBe('/log');
    expect(url.searchParams.getAll('f.result')).toEqual(['denied']);
    expect(decodeState(url.pathname, url.search, 'UTC').state.filters).toEqual(next.filters);
  });

  it('narrows a time chart’s band to its bucket', () => {
    const from = Date.UTC(2026, 0, 5, 13);
    const next = drillDown(page, {
      field: 'result',
      value: 'fraud',
      bucket: { from, to: from + 3_600_000 },
      own: AUTHENTICATIONS,
    })!;
    expect(next.time).toEqual({ from: '2026-01-05T13:00:00.000Z', to: '2026-01-05T14:00:00.000Z' });
  });

  it('keeps the page’s filters and replaces its value list on the element’s field', () => {
    const filtered = {
      ...page,
      filters: [
        { kind: 'is' as const, field: 'result' as const, values: ['denied', 'fraud'] },
        { kind: 'search' as const, field: 'user.name' as const, text: 'ali' },
      ],
    };
    const next = drillDown(filtered, { field: 'reason', value: 'locked_out', own: FAILED_FILTER })!;
    expect(next.filters).toEqual([
      // The reasons widget counts failed results; the page already narrowed those to two of them.
      { kind: 'is', field: 'result', values: ['denied', 'fraud'] },
      { kind: 'search', field: 'user.name', text: 'ali' },
      { kind: 'is', field: 'event_type', values: ['authentication'] },
      { kind: 'is', field: 'reason', values: ['locked_out'] },
    ]);
    const byResult = drillDown(filtered, { field: 'result', value: 'fraud' })!;
    expect(byResult.filters[0]).toEqual({ kind: 'is', field: 'result', values: ['fraud'] });
  });

  it('does not open an element that stands for no single value', () => {
    expect(drillDown(page, { field: 'reason', value: OTHER_KEY })).toBeUndefined();
  });

  it('reads what an and-ed filter tree of eq and in leaves requires, and nothing else', () => {
    expect(requiredValues(FAILED_FILTER)).toEqual(
      new Map([
        ['event_type', ['authentication']],
        ['result', [...FAILED_RESULTS]],
      ]),
    );
    expect(requiredValues({ or: [AUTHENTICATIONS] })).toBeUndefined();
    expect(requiredValues({ field: 'user.name', op: 'search', value: 'a' })).toBeUndefined();
  });
});
