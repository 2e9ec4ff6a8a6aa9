import { describe, expect, it } from 'vitest';
import { toApiFilter } from './apiFilter';

describe('pills to the API filter tree', () => {
  it('sends nothing when there are no pills', () => {
    expect(toApiFilter([])).toBeUndefined();
  });

  it('uses eq/not for one value and in / not-in for several', () => {
    expect(toApiFilter([{ kind: 'is', field: 'result', values: ['denied'] }])).toEqual({
      field: 'result',
      op: 'eq',
      value: 'denied',
    });
    expect(
      toApiFilter([
        { kind: 'is', field: 'result', values: ['denied', 'fraud'] },
        { kind: 'isNot', field: 'factor', values: ['bypass_code'] },
        { kind: 'isNot', field: 'reason', values: ['error', 'locked_out'] },
      ]),
    ).toEqual({
      and: [
        { field: 'result', op: 'in', values: ['denied', 'fraud'] },
        { field: 'factor', op: 'not', value: 'bypass_code' },
        { not: { field: 'reason', op: 'in', values: ['error', 'locked_out'] } },
      ],
    });
  });

  it('types boolean and tri-state values, keeping "unknown" a string', () => {
    expect(
      toApiFilter([
        { kind: 'is', field: 'access_device.ip_reputation.is_tor', values: ['true'] },
        { kind: 'is', field: 'access_device.is_firewall_enabled', values: ['false', 'unknown'] },
      ]),
    ).toEqual({
      and: [
        { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: true },
        { field: 'access_device.is_firewall_enabled', op: 'in', values: [false, 'unknown'] },
      ],
    });
  });

  it('maps search and exists, and appends extra conditions a widget needs', () => {
    expect(
      toApiFilter(
        [
          { kind: 'search', field: 'user.name', text: 'ali' },
          { kind: 'exists', field: 'reason', exists: true },
        ],
        { field: 'result', op: 'in', values: ['denied', 'failure'] },
      ),
    ).toEqual({
      and: [
        { field: 'user.name', op: 'search', value: 'ali' },
        { field: 'reason', op: 'exists', value: true },
        { field: 'result', op: 'in', values: ['denied', 'failure'] },
      ],
    });
  });
});
