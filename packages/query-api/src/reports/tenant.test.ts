import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterableFields } from '@sightline/schema';
import { compile } from './compile';
import { type FilterNode, type ReportDefinition, reportDefinitionSchema } from '@sightline/schema/reports';
import { NOW, OPTIONS } from './test-support';

const leaf = fc.oneof(
  fc.constantFrom(...filterableFields).map((field) => ({ field, op: 'exists' }) as FilterNode),
  fc
    .constantFrom('success', 'denied', 'fraud')
    .map((value) => ({ field: 'result' as const, op: 'eq' as const, value })),
  fc
    .string({ minLength: 1, maxLength: 8 })
    .map((value) => ({ field: 'user.name' as const, op: 'search' as const, value })),
  fc
    .string({ maxLength: 8 })
    .map((value) => ({ field: 'application.name' as const, op: 'not' as const, value })),
);
const tree: fc.Arbitrary<FilterNode> = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((and): FilterNode => ({ and })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((or): FilterNode => ({ or })),
    tie('node').map((not): FilterNode => ({ not })),
  ),
})).node;
const views = fc.constantFrom<ReportDefinition['view']>(
  { type: 'breakdown', groupBy: 'result' },
  { type: 'timeseries', stackBy: 'factor' },
  { type: 'geo', mode: 'grid' },
  { type: 'log', pageSize: 10 },
  { type: 'significant' },
);

describe('tenant isolation in the compiler', () => {
  it('always ANDs the authenticated tenant at the top, whatever filter tree the definition carries', () => {
    fc.assert(
      fc.property(tree, views, fc.constantFrom('acme', 'globex'), (filters, view, tenant) => {
        const parsed = reportDefinitionSchema.safeParse({ timeRange: { last: '7d' }, filters, view });
        fc.pre(parsed.success);
        const { body, probe } = compile(parsed.data!, tenant, NOW, OPTIONS);
        type Top = { bool: { filter: unknown[]; should?: unknown; must_not?: unknown } };
        const top = body.query as Top;
        expect(Object.keys(top)).toEqual(['bool']);
        expect(Object.keys(top.bool)).toEqual(['filter']);
        expect(top.bool.filter[0]).toEqual({ term: { customer_id: tenant } });
        // A breakdown's presence probes search the tenant's window, without the definition's filters.
        const presence = probe && 'presence' in probe ? (probe.presence ?? []) : [];
        for (const search of presence)
          expect(((search.query as Top).bool.filter[0] as Top).bool.filter[0]).toEqual({
            term: { customer_id: tenant },
          });
        // The only customer anywhere in the request is the tenant (background filters included).
        const customers = JSON.stringify([body, probe]).match(/"customer_id":"[^"]*"/g) ?? [];
        expect(new Set(customers)).toEqual(new Set([`"customer_id":"${tenant}"`]));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses customer_id anywhere in a filter tree', () => {
    fc.assert(
      fc.property(tree, (filters) => {
        const sneaky = { or: [filters, { field: 'customer_id', op: 'eq', value: 'globex' }] };
        const parsed = reportDefinitionSchema.safeParse({
          timeRange: { last: '7d' },
          filters: sneaky,
          view: { type: 'log' },
        });
        expect(parsed.success).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
