import type { AuthLogFields, FieldValue, FilterableField } from '../../log';

export const FILTER_OPS = ['eq', 'in', 'not', 'exists', 'range', 'search'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const SEARCH_MATCHES = ['contains', 'prefix'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

/** One comparable value of a field: an element for array fields, never null. */
export type ScalarOf<F extends FilterableField> =
  NonNullable<FieldValue<F>> extends readonly (infer E)[] ? E : NonNullable<FieldValue<F>>;

type RangeKinds = 'long' | 'date' | 'ip';
/** Fields a `range` leaf may name. */
export type RangeField = {
  [F in FilterableField]: AuthLogFields[F]['kind'] extends RangeKinds ? F : never;
}[FilterableField];
/** Fields a `search` leaf may name (case-insensitive substring). */
export type SearchableField = {
  [F in FilterableField]: AuthLogFields[F] extends { searchable: true } ? F : never;
}[FilterableField];

type RangeBound = string | number;

type LeafFor<F extends FilterableField> =
  | { field: F; op: 'eq' | 'not'; value: ScalarOf<F> }
  | { field: F; op: 'in'; values: ScalarOf<F>[] }
  /** `value: false` matches records where the field is missing or null. */
  | { field: F; op: 'exists'; value?: boolean };

/** A comparison on one field. */
export type FilterLeaf =
  | { [F in FilterableField]: LeafFor<F> }[FilterableField]
  | { field: RangeField; op: 'range'; gte?: RangeBound; lte?: RangeBound }
  /**
   * Case-insensitive text: `contains` (the default) matches anywhere in the value, `prefix` only at its
   * start, which Elasticsearch answers with a seek in the sorted terms instead of a scan of them all.
   */
  | { field: SearchableField; op: 'search'; value: string; match?: SearchMatch };

/**
 * Free text: any of `fields` (every searchable field when left out) contains `text`, ignoring case.
 * Each field is one scan of its terms, so it costs as many contains-searches as it names fields.
 */
export interface TextSearch {
  text: string;
  fields?: SearchableField[];
}

/** A filter tree: leaves and text searches combined with and / or / not. */
export type FilterNode =
  FilterLeaf | TextSearch | { and: FilterNode[] } | { or: FilterNode[] } | { not: FilterNode };
