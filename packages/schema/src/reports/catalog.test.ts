import { describe, expect, it } from 'vitest';
import { AUTHENTICATIONS, builtinReports, COUNTING_RULE } from './catalog';
import type { FilterNode } from './definition';

const conjuncts = (f: FilterNode | undefined): FilterNode[] =>
  f === undefined ? [] : 'and' in f ? f.and.flatMap(conjuncts) : [f];

describe('the built-in reports', () => {
  it('count authentication attempts only, and say so, except the one report about enrollments', () => {
    for (const report of builtinReports()) {
      const filters = conjuncts(report.definition.filters);
      if (report.id === 'enrollments-over-time') {
        expect(filters).toEqual([{ field: 'event_type', op: 'eq', value: 'enrollment' }]);
        expect(report.description).toMatch(/enrollments/i);
      } else {
        expect(filters, report.id).toContainEqual(AUTHENTICATIONS);
        expect(report.description, report.id).toMatch(/authentication attempts/i);
      }
    }
    expect(COUNTING_RULE).toMatch(/authentication attempts only/);
  });
});
