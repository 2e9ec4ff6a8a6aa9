import { type FilterNode, NONE_KEY, OTHER_KEY, UNKNOWN_KEY } from '@sightline/schema/reports';
import type { FilterableField } from '@sightline/schema';
import { setValues, type DashboardFilter } from './filters';
import { fixedRange } from './timeRange';
import type { DashboardState } from './urlState';

/** One chart element: a value of a field, and for a time chart the bucket it was drawn in. */
export interface DrillTarget {
  field: FilterableField;
  value: string;
  /** The bucket's start and end (ms since the epoch), for a band of a time chart. */
  bucket?: { from: number; to: number };
  /**
   * The widget's own filters (its built-in report's: authentications only, failed results…), which
   * the log must apply too, or it would list rows the element never counted.
   */
  own?: FilterNode;
}

/** Value lists a filter tree of `and`-ed `eq`/`in` leaves requires, by field; undefined for anything else. */
export function requiredValues(node: FilterNode): Map<FilterableField, string[]> | undefined {
  const out = new Map<FilterableField, string[]>();
  const visit = (n: FilterNode): boolean => {
    if ('and' in n) return n.and.every(visit);
    if (!('field' in n)) return false;
    const values = n.op === 'eq' ? [n.value] : n.op === 'in' ? n.values : undefined;
    if (values === undefined) return false;
    const listed = values.map(String);
    const before = out.get(n.field);
    out.set(n.field, before ? before.filter((v) => listed.includes(v)) : listed);
    return true;
  };
  return visit(node) ? out : undefined;
}

/**
 * The log page showing exactly the rows behind a chart element: the page's filters, the widget's
 * own, the element's value (and its bucket as the time range). Each is a pill and a URL parameter.
 * Undefined for an element that stands for no single value ("Other", "None", "Unknown") or a widget
 * whose own filters pills cannot say.
 */
export function drillDown(state: DashboardState, target: DrillTarget): DashboardState | undefined {
  if (target.value === OTHER_KEY || target.value === NONE_KEY || target.value === UNKNOWN_KEY)
    return undefined;
  const required = target.own ? requiredValues(target.own) : new Map<FilterableField, string[]>();
  if (!required) return undefined;
  let filters: DashboardFilter[] = [...state.filters];
  for (const [field, values] of required) {
    // The page may already narrow this field: the widget counted the overlap of both.
    const current = filters.find((f) => f.kind === 'is' && f.field === field);
    const kept = current?.kind === 'is' ? values.filter((v) => current.values.includes(v)) : values;
    filters = setValues(filters, 'is', field, kept.length > 0 ? kept : values);
  }
  filters = setValues(filters, 'is', target.field, [target.value]);
  const time = target.bucket
    ? fixedRange(new Date(target.bucket.from), new Date(target.bucket.to))
    : state.time;
  if (!time) return undefined;
  return { ...state, route: 'log', filters, time };
}
