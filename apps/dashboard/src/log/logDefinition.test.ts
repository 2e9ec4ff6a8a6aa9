import { describe, expect, it } from 'vitest';
import { reportScope } from '../state/reportScope';
import { defaultState } from '../state/urlState';
import { logDefinition } from './logDefinition';

describe('the log definition', () => {
  const scope = reportScope({
    ...defaultState('UTC'),
    filters: [{ kind: 'search', field: 'user.name', text: 'ali' }],
  });

  it('sorts by the chosen field with a stable tie-break', () => {
    expect(logDefinition(scope, { field: 'user.name', direction: 'asc' }, 500)).toEqual({
      timeRange: { last: '24h', timeZone: 'UTC' },
      filters: { field: 'user.name', op: 'search', value: 'ali' },
      view: {
        type: 'log',
        sort: [
          { field: 'user.name', order: 'asc' },
          { field: 'ts', order: 'desc' },
          { field: 'txid', order: 'asc' },
        ],
        pageSize: 500,
      },
    });
  });

  it('does not repeat the time when sorting by time', () => {
    const { view } = logDefinition(scope, { field: 'ts', direction: 'desc' }, 100);
    expect(view).toMatchObject({
      sort: [
        { field: 'ts', order: 'desc' },
        { field: 'txid', order: 'asc' },
      ],
    });
  });

  it('gives the export the shown columns in their order, and the same rows as the table', () => {
    const sort = { field: 'ts', direction: 'desc' } as const;
    const table = logDefinition(scope, sort, 100);
    const exported = logDefinition(scope, sort, 100, ['result', 'ts', 'email']);
    expect(exported.view).toEqual({ ...table.view, columns: ['result', 'ts', 'email'] });
    expect({ ...exported, view: undefined }).toEqual({ ...table, view: undefined });
    expect(table.view).not.toHaveProperty('columns');
  });
});
