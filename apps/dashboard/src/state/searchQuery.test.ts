import { describe, expect, it } from 'vitest';
import { addressProblem, applySearch } from './searchQuery';
import { toApiFilter } from './apiFilter';
import { describeFilter } from './describeFilter';
import type { DashboardFilter } from './filters';
import { decodeState, defaultState, encodeState } from './urlState';

describe('the log’s search box', () => {
  it('narrows to an address or a CIDR block as an "is" pill on the device IP', () => {
    expect(applySearch([], 'access_device.ip', ' 203.0.113.0/24 ')).toEqual({
      filters: [{ kind: 'is', field: 'access_device.ip', values: ['203.0.113.0/24'] }],
    });
    expect(applySearch([], 'access_device.ip', '2001:db8::1')).toEqual({
      filters: [{ kind: 'is', field: 'access_device.ip', values: ['2001:db8::1'] }],
    });
    const once = applySearch([], 'access_device.ip', '198.51.100.7');
    expect('filters' in once && applySearch(once.filters, 'access_device.ip', '')).toEqual({ filters: [] });
  });

  it('searches names and applications by substring', () => {
    expect(applySearch([], 'application.name', 'VPN')).toEqual({
      filters: [{ kind: 'search', field: 'application.name', text: 'VPN' }],
    });
  });

  it('says which part of a bad address or block is wrong, and adds no pill', () => {
    expect(applySearch([], 'access_device.ip', '203.0.113.0/33')).toEqual({
      problem: '/33 is longer than an IPv4 address: a prefix is at most /32',
    });
    expect(addressProblem('2001:db8::/129')).toBe(
      '/129 is longer than an IPv6 address: a prefix is at most /128',
    );
    expect(addressProblem('203.0.113.0/x')).toBe('"/x" is not a prefix length: write one from /0 to /32');
    expect(addressProblem('203.0.113/24')).toBe('"203.0.113" before the slash is not an IP address');
    expect(addressProblem('999.1.1.1')).toMatch(/^"999\.1\.1\.1" is not an IP address or CIDR block \(/);
    expect(addressProblem('203.0.113.0/24')).toBeUndefined();
  });
});

describe('free text over the searchable fields', () => {
  it('is one pill, replaced as the text changes and removed when blank', () => {
    const once = applySearch([], 'any', ' Ops ');
    expect(once).toEqual({ filters: [{ kind: 'text', text: 'Ops' }] });
    const again = 'filters' in once ? applySearch(once.filters, 'any', 'vpn') : once;
    expect(again).toEqual({ filters: [{ kind: 'text', text: 'vpn' }] });
    expect('filters' in again && applySearch(again.filters, 'any', '  ')).toEqual({ filters: [] });
  });

  it('is sent to the API as a text search over every searchable field', () => {
    expect(toApiFilter([{ kind: 'text', text: 'vpn' }])).toEqual({ text: 'vpn' });
  });

  it('is not applied beyond the API’s search budget, and says which limit it would break', () => {
    const withText: DashboardFilter[] = [{ kind: 'text', text: 'vpn' }];
    expect(applySearch(withText, 'user.name', 'bob')).toEqual({
      problem: expect.stringMatching(
        /^Cannot search this as well: filters hold 5 contains-searches; at most 4 are allowed/,
      ),
    });
  });

  it('names the fields it looks in on its pill', () => {
    const labels: Record<string, string> = {
      'user.name': 'User',
      email: 'Email',
      'application.name': 'Application',
      'access_device.hostname': 'Hostname',
    };
    expect(describeFilter({ kind: 'text', text: 'vpn' }, (f) => labels[f] ?? f).sentence).toBe(
      'User, Email, Application or Hostname contains “vpn”',
    );
  });

  it('lives in the URL as q, and a link asking for more searching than allowed drops it with a reason', () => {
    const state = {
      ...defaultState('UTC', 'log'),
      filters: [{ kind: 'text', text: 'a&b' }] as DashboardFilter[],
    };
    const url = encodeState(state);
    expect(url).toContain('q=a%26b');
    const back = decodeState('/log', url.slice(url.indexOf('?')), 'UTC');
    expect(back.state.filters).toEqual([{ kind: 'text', text: 'a&b' }]);
    expect(back.issues).toEqual([]);
    const tooMuch = decodeState('/log', '?q=vpn&q.user.name=bob', 'UTC');
    expect(tooMuch.state.filters).toEqual([{ kind: 'search', field: 'user.name', text: 'bob' }]);
    expect(tooMuch.issues).toEqual([
      expect.stringMatching(/^Ignored filter q=vpn: filters hold 5 contains-searches; at most 4 are allowed/),
    ]);
  });
});
