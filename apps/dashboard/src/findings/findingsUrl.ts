import {
  DEFAULT_FINDING_SORT,
  FINDING_SORTS,
  FINDING_STATUSES,
  FINDING_TYPES,
  SEVERITIES,
  type FindingSort,
  type FindingStatus,
  type FindingType,
  type Severity,
} from '@sightline/client';
import { encodeState, type DashboardState } from '../state/urlState';

/**
 * The Findings page's place in the URL: its path and its own parameters. The page-wide state (customer,
 * time, zone, refresh) stays in the shared parameters, read and written by urlState as for any page.
 */
export const FINDINGS_PATH = '/findings';
export const FINDINGS_TITLE = 'Findings';

/** What the reader narrowed the list to; empty lists mean "any". */
export interface FindingsView {
  types: FindingType[];
  /** Empty: every status but muted, as the API lists by default. */
  statuses: FindingStatus[];
  minSeverity: Severity | undefined;
  /** The list's order; left out, the API's default (newest last evidence first). */
  sort?: FindingSort | undefined;
}

export const DEFAULT_FINDINGS_VIEW: FindingsView = { types: [], statuses: [], minSeverity: undefined };

const PARAMS = { type: 'type', status: 'status', severity: 'severity', sort: 'sort' } as const;
const OWN_PARAMS: readonly string[] = Object.values(PARAMS);

export function isFindingsPath(pathname: string): boolean {
  return (pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname) === FINDINGS_PATH;
}

const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);

/** The page's own parameters; an unknown value is dropped and said, as urlState does for the rest. */
export function decodeFindingsView(search: string): { view: FindingsView; issues: string[] } {
  const params = new URLSearchParams(search);
  const issues: string[] = [];
  const pick = <T extends string>(name: string, values: readonly T[], noun: string): T[] => {
    const picked: T[] = [];
    for (const value of params.getAll(name)) {
      if (isOneOf(values)(value)) {
        if (!picked.includes(value)) picked.push(value);
      } else issues.push(`Unknown finding ${noun} "${value.slice(0, 60)}"; ignored.`);
    }
    return picked;
  };
  const types = pick(PARAMS.type, FINDING_TYPES, 'type');
  const statuses = pick(PARAMS.status, FINDING_STATUSES, 'status');
  const [minSeverity, ...extra] = pick(PARAMS.severity, SEVERITIES, 'severity');
  if (extra.length > 0) issues.push('Only the first minimum severity of a link is used.');
  const [sort, ...otherSorts] = pick(PARAMS.sort, FINDING_SORTS, 'sort');
  if (otherSorts.length > 0) issues.push('Only the first sort of a link is used.');
  const view: FindingsView = { types, statuses, minSeverity };
  if (sort && sort !== DEFAULT_FINDING_SORT) view.sort = sort;
  return { view, issues };
}

/** The shared part of a findings URL's query, for urlState to read as it reads any page's. */
export function sharedSearch(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of OWN_PARAMS) params.delete(name);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The Findings page's address for a page-wide state and a view; defaults are left out. */
export function findingsHref(state: DashboardState, view: FindingsView): string {
  const shared = encodeState({ ...state, route: 'overview' });
  const params = new URLSearchParams(shared.slice(shared.indexOf('?') + 1));
  for (const type of view.types) params.append(PARAMS.type, type);
  for (const status of view.statuses) params.append(PARAMS.status, status);
  if (view.minSeverity) params.set(PARAMS.severity, view.minSeverity);
  if (view.sort && view.sort !== DEFAULT_FINDING_SORT) params.set(PARAMS.sort, view.sort);
  const query = params.toString();
  return FINDINGS_PATH + (query ? `?${query}` : '');
}
