import type { FilterLeaf, FilterNode } from '@sightline/schema/reports';
import { apiScalar } from './apiScalar';
import type { DashboardFilter } from './filters';

function leaf(filter: DashboardFilter): FilterNode {
  switch (filter.kind) {
    case 'is': {
      const values = filter.values.map((v) => apiScalar(filter.field, v));
      // The codec only admits values the schema allows for the field, which is what ScalarOf<F> says.
      return (
        values.length === 1
          ? { field: filter.field, op: 'eq', value: values[0] }
          : { field: filter.field, op: 'in', values }
      ) as FilterLeaf;
    }
    case 'isNot': {
      const values = filter.values.map((v) => apiScalar(filter.field, v));
      return values.length === 1
        ? ({ field: filter.field, op: 'not', value: values[0] } as FilterLeaf)
        : { not: { field: filter.field, op: 'in', values } as FilterLeaf };
    }
    case 'search':
      return { field: filter.field, op: 'search', value: filter.text };
    case 'text':
      return { text: filter.text };
    case 'exists':
      return { field: filter.field, op: 'exists', value: filter.exists } as FilterLeaf;
  }
}

/** The pills as one API filter tree (AND of all); undefined when there are none. */
export function toApiFilter(
  filters: readonly DashboardFilter[],
  ...extra: FilterNode[]
): FilterNode | undefined {
  const nodes = [...filters.map(leaf), ...extra];
  if (nodes.length === 0) return undefined;
  return nodes.length === 1 ? nodes[0] : { and: nodes };
}
