import { describe, expect, it } from 'vitest';
import { addressProblem, applySearch } from './searchQuery';

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
