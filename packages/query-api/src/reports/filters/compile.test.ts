import { describe, expect, it } from 'vitest';
import { type FilterNode, filterSchema } from '@sightline/schema/reports';
import { compileFilter } from './compile';

const compiled = (node: FilterNode) => compileFilter(filterSchema.parse(node));

describe('compileFilter', () => {
  it('compiles each operator', () => {
    expect(compiled({ field: 'result', op: 'eq', value: 'denied' })).toEqual({ term: { result: 'denied' } });
    expect(compiled({ field: 'factor', op: 'not', value: 'duo_push' })).toEqual({
      bool: { must_not: [{ term: { factor: 'duo_push' } }] },
    });
    expect(compiled({ field: 'result', op: 'in', values: ['denied', 'fraud'] })).toEqual({
      terms: { result: ['denied', 'fraud'] },
    });
    expect(compiled({ field: 'reason', op: 'exists' })).toEqual({ exists: { field: 'reason' } });
    expect(compiled({ field: 'reason', op: 'exists', value: false })).toEqual({
      bool: { must_not: [{ exists: { field: 'reason' } }] },
    });
    expect(compiled({ field: 'ts', op: 'range', gte: '2026-01-01T00:00:00Z' })).toEqual({
      range: { ts: { gte: '2026-01-01T00:00:00Z' } },
    });
    expect(compiled({ field: 'access_device.ip', op: 'eq', value: '10.0.0.0/8' })).toEqual({
      term: { 'access_device.ip': '10.0.0.0/8' },
    });
  });

  it('stores tri-state values as keywords and keeps booleans boolean', () => {
    expect(
      compiled({ field: 'access_device.is_firewall_enabled', op: 'in', values: [false, 'unknown'] }),
    ).toEqual({
      terms: { 'access_device.is_firewall_enabled': ['false', 'unknown'] },
    });
    expect(compiled({ field: 'access_device.ip_reputation.is_vpn', op: 'eq', value: true })).toEqual({
      term: { 'access_device.ip_reputation.is_vpn': true },
    });
  });

  it('searches case-insensitively in the lower-cased sub-field, wildcards in the text taken literally', () => {
    expect(compiled({ field: 'user.name', op: 'search', value: ' Al*ce? ' })).toEqual({
      wildcard: { 'user.name.lower': { value: '*al\\*ce\\?*' } },
    });
  });

  it('combines with and / or / not', () => {
    expect(
      compiled({
        or: [
          { field: 'result', op: 'eq', value: 'fraud' },
          { not: { and: [{ field: 'factor', op: 'eq', value: 'sms_passcode' }] } },
        ],
      }),
    ).toEqual({
      bool: {
        should: [
          { term: { result: 'fraud' } },
          { bool: { must_not: [{ bool: { filter: [{ term: { factor: 'sms_passcode' } }] } }] } },
        ],
        minimum_should_match: 1,
      },
    });
  });
});

describe('search leaves', () => {
  it('match anywhere by default, and at the start with a seek in the terms when asked for a prefix', () => {
    expect(compileFilter({ field: 'user.name', op: 'search', value: ' Bob*S ' })).toEqual({
      wildcard: { 'user.name.lower': { value: '*bob\\*s*' } },
    });
    expect(compileFilter({ field: 'user.name', op: 'search', value: ' Bob*S ', match: 'prefix' })).toEqual({
      prefix: { 'user.name.lower': { value: 'bob*s' } },
    });
  });
});
