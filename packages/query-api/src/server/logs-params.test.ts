import { describe, expect, it } from 'vitest';
import { logDefinitionFromQuery } from './logs-params';

describe('GET /api/logs parameters', () => {
  it('builds a log definition from simple parameters', () => {
    expect(
      logDefinitionFromQuery({
        last: '1h',
        tz: 'Europe/Paris',
        result: 'denied,fraud',
        'access_device.ip_reputation.is_tor': 'true',
        q: 'Bob',
        columns: 'ts,user.name',
        sort: '-ts,user.name',
        pageSize: '20',
      }),
    ).toEqual({
      timeRange: { last: '1h', timeZone: 'Europe/Paris' },
      filters: {
        and: [
          {
            or: [
              { field: 'user.name', op: 'search', value: 'Bob', match: 'prefix' },
              { field: 'email', op: 'search', value: 'Bob', match: 'prefix' },
              { field: 'application.name', op: 'search', value: 'Bob', match: 'prefix' },
              { field: 'access_device.hostname', op: 'search', value: 'Bob', match: 'prefix' },
            ],
          },
          { field: 'result', op: 'in', values: ['denied', 'fraud'] },
          { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: true },
        ],
      },
      view: {
        type: 'log',
        columns: ['ts', 'user.name'],
        sort: [
          { field: 'ts', order: 'desc' },
          { field: 'user.name', order: 'asc' },
        ],
        pageSize: 20,
      },
    });
  });

  it('defaults to the last 24 hours and reports unknown parameters and half ranges', () => {
    expect(logDefinitionFromQuery({})).toEqual({
      timeRange: { last: '24h', timeZone: 'UTC' },
      view: { type: 'log' },
    });
    expect(logDefinitionFromQuery({ from: '2026-01-01T00:00:00Z', colour: 'red', filter: '{' })).toEqual([
      { path: 'filter', message: 'filter is not valid JSON' },
      { path: 'colour', message: "unknown query parameter 'colour'" },
      { path: 'to', message: 'from and to go together' },
    ]);
  });
});
