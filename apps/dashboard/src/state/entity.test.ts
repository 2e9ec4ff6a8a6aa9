import { describe, expect, it } from 'vitest';
import { entityFilters, entityRouteOf, entityState } from './entity';
import { decodeState, defaultState, encodeState, type DashboardState } from './urlState';

const decode = (href: string) => {
  const url = new URL(href, 'http://dashboard.test');
  return decodeState(url.pathname, url.search, 'UTC');
};

describe('the user and address pages in the URL', () => {
  it('round-trip with their subject, range and filters', () => {
    const state: DashboardState = {
      ...defaultState('UTC', 'user'),
      customer: 'acme',
      time: { last: '7d' },
      entity: 'alice@example.com',
      filters: [{ kind: 'is', field: 'result', values: ['denied'] }],
    };
    const href = encodeState(state);
    expect(href).toBe('/user?customer=acme&last=7d&tz=UTC&f.result=denied&name=alice%40example.com');
    expect(decode(href)).toEqual({ state, issues: [] });
    const ip = { ...defaultState('UTC', 'ip'), entity: '2001:db8::1' };
    expect(decode(encodeState(ip))).toEqual({ state: ip, issues: [] });
  });

  it('fall back to the overview, and say why, without a usable subject', () => {
    expect(decode('/user?tz=UTC')).toEqual({
      state: defaultState('UTC'),
      issues: ['User page: the page needs a user name (name=…); showing the overview.'],
    });
    const bad = decode('/ip?tz=UTC&address=999.1.1.1');
    expect(bad.state.route).toBe('overview');
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]).toMatch(/^IP address page: .*999\.1\.1\.1.*; showing the overview\.$/);
  });

  it('leave the subject out of other pages', () => {
    const state = { ...defaultState('UTC', 'log'), entity: 'alice' };
    expect(encodeState(state)).toBe('/log?tz=UTC');
  });
});

describe('opening a subject’s page', () => {
  const from: DashboardState = {
    ...defaultState('UTC', 'log'),
    time: { last: '30d' },
    filters: [
      { kind: 'is', field: 'user.name', values: ['bob'] },
      { kind: 'is', field: 'result', values: ['denied'] },
    ],
  };

  it('keeps the range and filters, but not a filter on its own field', () => {
    expect(entityState(from, 'user', 'alice')).toEqual({
      ...from,
      route: 'user',
      entity: 'alice',
      filters: [{ kind: 'is', field: 'result', values: ['denied'] }],
    });
    expect(entityState(from, 'ip', '10.0.0.1').filters).toEqual(from.filters);
  });

  it('scopes the page’s reports and drill-downs to the subject', () => {
    const page = entityState(from, 'ip', '10.0.0.1');
    expect(entityFilters(page)).toEqual([
      ...from.filters,
      { kind: 'is', field: 'access_device.ip', values: ['10.0.0.1'] },
    ]);
    expect(entityFilters(from)).toBe(from.filters);
  });

  it('knows which fields have a page', () => {
    expect(entityRouteOf('user.name')).toBe('user');
    expect(entityRouteOf('access_device.ip')).toBe('ip');
    expect(entityRouteOf('application.name')).toBeUndefined();
  });
});
