import { describe, expect, it } from 'vitest';
import {
  allowedValues,
  removeFilter,
  searchText,
  selectedValues,
  setExists,
  setSearch,
  setValues,
  toggleValue,
  valueProblem,
  type DashboardFilter,
} from './filters';

describe('filter logic', () => {
  it('adds a value on the first click and takes it back on the second', () => {
    const once = toggleValue([], 'result', 'denied');
    expect(once).toEqual([{ kind: 'is', field: 'result', values: ['denied'] }]);
    const twice = toggleValue(once, 'result', 'fraud');
    expect(twice).toEqual([{ kind: 'is', field: 'result', values: ['denied', 'fraud'] }]);
    expect(toggleValue(toggleValue(twice, 'result', 'fraud'), 'result', 'denied')).toEqual([]);
  });

  it('leaves other pills where they are when toggling', () => {
    const start: DashboardFilter[] = [
      { kind: 'is', field: 'factor', values: ['duo_push'] },
      { kind: 'is', field: 'result', values: ['denied'] },
      { kind: 'search', field: 'user.name', text: 'al' },
    ];
    expect(toggleValue(start, 'result', 'denied')).toEqual([start[0], start[2]]);
    expect(toggleValue(start, 'access_device.location.country_code', 'DE')).toEqual([
      ...start,
      { kind: 'is', field: 'access_device.location.country_code', values: ['DE'] },
    ]);
  });

  it('does not mutate its input', () => {
    const start: DashboardFilter[] = [{ kind: 'is', field: 'result', values: ['denied'] }];
    const frozen = structuredClone(start);
    toggleValue(start, 'result', 'fraud');
    setValues(start, 'is', 'result', []);
    expect(start).toEqual(frozen);
  });

  it('sets and clears value lists, keeping is and is-not apart', () => {
    let filters = setValues([], 'is', 'factor', ['sms_passcode', 'sms_passcode', 'phone_call']);
    filters = setValues(filters, 'isNot', 'factor', ['bypass_code']);
    expect(selectedValues(filters, 'is', 'factor')).toEqual(['sms_passcode', 'phone_call']);
    expect(selectedValues(filters, 'isNot', 'factor')).toEqual(['bypass_code']);
    filters = setValues(filters, 'is', 'factor', []);
    expect(filters).toEqual([{ kind: 'isNot', field: 'factor', values: ['bypass_code'] }]);
  });

  it('treats blank search text as no search, and trims it', () => {
    let filters = setSearch([], 'user.name', '  ali ');
    expect(searchText(filters, 'user.name')).toBe('ali');
    filters = setSearch(filters, 'user.name', 'bo');
    expect(filters).toEqual([{ kind: 'search', field: 'user.name', text: 'bo' }]);
    expect(setSearch(filters, 'user.name', '   ')).toEqual([]);
  });

  it('sets and clears an exists condition', () => {
    const filters = setExists([], 'reason', false);
    expect(filters).toEqual([{ kind: 'exists', field: 'reason', exists: false }]);
    expect(setExists(filters, 'reason', undefined)).toEqual([]);
  });

  it('removes a pill by its condition, wherever a change made meanwhile has moved it', () => {
    const start = setSearch(setValues([], 'is', 'result', ['denied']), 'user.name', 'x');
    const pill = start[1]!;
    expect(removeFilter(start, pill)).toEqual([{ kind: 'is', field: 'result', values: ['denied'] }]);
    // The result filter went while the pill's click waited: the search pill is first now, and only it goes.
    const moved = setValues(start, 'is', 'result', []);
    expect(removeFilter(moved, pill)).toEqual([]);
    // A condition already gone removes nothing else.
    expect(removeFilter(setSearch(start, 'user.name', ''), pill)).toEqual(start.slice(0, 1));
  });

  it('knows the allowed values of closed fields from the schema', () => {
    expect(allowedValues('result')).toEqual(['success', 'denied', 'failure', 'error', 'fraud']);
    expect(allowedValues('access_device.ip_reputation.is_vpn')).toEqual(['true', 'false']);
    expect(allowedValues('access_device.is_firewall_enabled')).toEqual(['true', 'false', 'unknown']);
    expect(allowedValues('user.name')).toBeUndefined();
    expect(valueProblem('result', 'SUCCESS')).toMatch(/not a value of result/);
    expect(valueProblem('user.name', 'anyone')).toBeUndefined();
    expect(valueProblem('user.name', '')).toBeDefined();
  });
});
