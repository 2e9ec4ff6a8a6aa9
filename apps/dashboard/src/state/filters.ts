import {
  authLogFields,
  isFieldName,
  type AuthLogFields,
  type FieldName,
  type FilterableField,
} from '@sightline/schema';
import { filterValueProblem } from '@sightline/schema/reports';
import { apiScalar } from './apiScalar';

/** Fields that accept a case-insensitive substring search. */
export type SearchableField = {
  [K in FilterableField]: AuthLogFields[K] extends { searchable: true } ? K : never;
}[FilterableField];

/**
 * One pill in the filter bar. Every widget on the page follows the whole list (AND between pills;
 * within a pill, `is` means any of its values and `isNot` none of them).
 */
export type DashboardFilter =
  | { kind: ValueFilterKind; field: FilterableField; values: string[] }
  | { kind: 'search'; field: SearchableField; text: string }
  /** Free text: any searchable field (user name, email, application, hostname) contains it. */
  | { kind: 'text'; text: string }
  | { kind: 'exists'; field: FilterableField; exists: boolean };

/** `is`: any of the values; `isNot`: none of them. */
export type ValueFilterKind = 'is' | 'isNot';

const VALUE_KINDS = new Set(['keyword', 'keyword[]', 'ip', 'boolean', 'tristate']);
const BOOLEAN_VALUES = ['true', 'false'] as const;
const TRISTATE_VALUES = ['true', 'false', 'unknown'] as const;
/** Longest value or search text accepted from a URL: beyond this it is garbage, not a filter. */
export const MAX_VALUE_LENGTH = 256;

export function isFilterableField(name: string): name is FilterableField {
  return isFieldName(name) && authLogFields[name].filterable;
}

export function isSearchableField(name: string): name is SearchableField {
  return isFilterableField(name) && authLogFields[name].searchable;
}

/** Whether `field` can be filtered by listing values (not dates or geo points, which have their own controls). */
export function acceptsValues(field: FieldName): boolean {
  return VALUE_KINDS.has(authLogFields[field].kind);
}

/** The closed set of values a field allows, when the schema knows it. */
export function allowedValues(field: FieldName): readonly string[] | undefined {
  const spec = authLogFields[field];
  if ('values' in spec) return spec.values;
  if (spec.kind === 'boolean') return BOOLEAN_VALUES;
  if (spec.kind === 'tristate') return TRISTATE_VALUES;
  return undefined;
}

/** Why a value cannot filter `field`, or undefined when it can. */
export function valueProblem(field: FieldName, value: string): string | undefined {
  if (value === '' || value.length > MAX_VALUE_LENGTH) return `empty or overlong value for ${field}`;
  const allowed = allowedValues(field);
  if (allowed && !allowed.includes(value)) return `"${value}" is not a value of ${field}`;
  // The API's own check of a filter value, so one it would refuse (an IP address out of range) is
  // caught here, once, rather than by every widget's request. Its value check, not the whole filter
  // schema: parsing objects with zod compiles code at run time, which the page's policy forbids.
  return filterValueProblem(authLogFields[field], apiScalar(field, value)) ?? undefined;
}

function sameTarget(a: DashboardFilter, kind: DashboardFilter['kind'], field: FieldName): boolean {
  return a.kind === kind && 'field' in a && a.field === field;
}

/** The field a pill is about; free text is about several. */
export function filterField(filter: DashboardFilter): FieldName | undefined {
  return 'field' in filter ? filter.field : undefined;
}

/** Sets the free-text search over every searchable field (one pill); blank text removes it. */
export function setText(filters: readonly DashboardFilter[], text: string): DashboardFilter[] {
  const trimmed = text.trim().slice(0, MAX_VALUE_LENGTH);
  const next: DashboardFilter | undefined = trimmed ? { kind: 'text', text: trimmed } : undefined;
  const index = filters.findIndex((f) => f.kind === 'text');
  if (index === -1) return next ? [...filters, next] : [...filters];
  return replaceAt(filters, index, next);
}

/** The free text searched for, or '' when there is none. */
export function freeText(filters: readonly DashboardFilter[]): string {
  const found = filters.find((f) => f.kind === 'text');
  return found?.kind === 'text' ? found.text : '';
}

/**
 * What a click on a slice, legend entry or country does: narrow to that value, or, when the value is
 * already selected, take it back out (so a second click undoes the first).
 */
export function toggleValue(
  filters: readonly DashboardFilter[],
  field: FilterableField,
  value: string,
): DashboardFilter[] {
  const index = filters.findIndex((f) => sameTarget(f, 'is', field));
  const existing = filters[index];
  if (!existing || existing.kind !== 'is') return [...filters, { kind: 'is', field, values: [value] }];
  const values = existing.values.includes(value)
    ? existing.values.filter((v) => v !== value)
    : [...existing.values, value];
  return replaceAt(filters, index, values.length > 0 ? { ...existing, values } : undefined);
}

/** Sets the whole value list of an `is` or `isNot` filter; an empty list removes the pill. */
export function setValues(
  filters: readonly DashboardFilter[],
  kind: ValueFilterKind,
  field: FilterableField,
  values: readonly string[],
): DashboardFilter[] {
  const unique = [...new Set(values)];
  const next: DashboardFilter | undefined = unique.length > 0 ? { kind, field, values: unique } : undefined;
  const index = filters.findIndex((f) => sameTarget(f, kind, field));
  if (index === -1) return next ? [...filters, next] : [...filters];
  return replaceAt(filters, index, next);
}

/** Sets the free-text search on a field; blank text removes it. */
export function setSearch(
  filters: readonly DashboardFilter[],
  field: SearchableField,
  text: string,
): DashboardFilter[] {
  const trimmed = text.trim().slice(0, MAX_VALUE_LENGTH);
  const next: DashboardFilter | undefined = trimmed ? { kind: 'search', field, text: trimmed } : undefined;
  const index = filters.findIndex((f) => sameTarget(f, 'search', field));
  if (index === -1) return next ? [...filters, next] : [...filters];
  return replaceAt(filters, index, next);
}

/** Requires a field to be present (or absent); undefined clears the condition. */
export function setExists(
  filters: readonly DashboardFilter[],
  field: FilterableField,
  exists: boolean | undefined,
): DashboardFilter[] {
  const next: DashboardFilter | undefined =
    exists === undefined ? undefined : { kind: 'exists', field, exists };
  const index = filters.findIndex((f) => sameTarget(f, 'exists', field));
  if (index === -1) return next ? [...filters, next] : [...filters];
  return replaceAt(filters, index, next);
}

/**
 * `filters` without `filter`'s condition: the one of its kind on its field (a page holds one of each),
 * wherever it stands now. Not by position: a change still rendering (a cross-filter is a transition)
 * may have moved it, and the neighbour would go instead.
 */
export function removeFilter(
  filters: readonly DashboardFilter[],
  filter: DashboardFilter,
): DashboardFilter[] {
  return filters.filter((f) => !sameCondition(f, filter));
}

/** Whether two filters are the page's one condition of a kind on a field (whatever values they hold). */
export function sameCondition(a: DashboardFilter, b: DashboardFilter): boolean {
  return a.kind === b.kind && filterField(a) === filterField(b);
}

/** The values an `is`/`isNot` filter currently selects for a field (empty when there is none). */
export function selectedValues(
  filters: readonly DashboardFilter[],
  kind: ValueFilterKind,
  field: FieldName,
): string[] {
  const found = filters.find((f) => sameTarget(f, kind, field));
  return found && (found.kind === 'is' || found.kind === 'isNot') ? found.values : [];
}

export function searchText(filters: readonly DashboardFilter[], field: FieldName): string {
  const found = filters.find((f) => sameTarget(f, 'search', field));
  return found?.kind === 'search' ? found.text : '';
}

function replaceAt(
  filters: readonly DashboardFilter[],
  index: number,
  next: DashboardFilter | undefined,
): DashboardFilter[] {
  return filters.flatMap((f, i) => (i !== index ? [f] : next ? [next] : []));
}
