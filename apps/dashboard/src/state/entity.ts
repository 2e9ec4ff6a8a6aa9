import type { FilterableField } from '@sightline/schema';
import { setValues, valueProblem, type DashboardFilter } from './filters';
import type { Route } from './routes';
import type { DashboardState } from './urlState';

/** The pages about one user or one address: which field they are about and how the URL names it. */
export const ENTITY_PAGES = {
  user: { field: 'user.name', param: 'name', noun: 'user name', subject: 'user', title: 'User' },
  ip: {
    field: 'access_device.ip',
    param: 'address',
    noun: 'IP address',
    subject: 'address',
    title: 'IP address',
  },
} as const satisfies Record<
  string,
  { field: FilterableField; param: string; noun: string; subject: string; title: string }
>;

export type EntityRoute = keyof typeof ENTITY_PAGES;

/** The URL parameters naming an entity, for urlState's list of known parameters. */
export const ENTITY_PARAMS: readonly string[] = Object.values(ENTITY_PAGES).map((p) => p.param);

export function isEntityRoute(route: Route): route is EntityRoute {
  return route in ENTITY_PAGES;
}

/** The entity page a field's values open, if the field has one. */
export function entityRouteOf(field: string): EntityRoute | undefined {
  return (Object.keys(ENTITY_PAGES) as EntityRoute[]).find((r) => ENTITY_PAGES[r].field === field);
}

/** Why a value cannot name an entity of this page (as a filter of its field would be refused), or undefined. */
export function entityProblem(route: EntityRoute, value: string): string | undefined {
  return valueProblem(ENTITY_PAGES[route].field, value);
}

/**
 * The page about `value`, from the view the reader is on: the range, zone and filters go along, but a
 * filter on the entity's own field would only repeat (or contradict) the page's subject, so it is dropped.
 */
export function entityState(state: DashboardState, route: EntityRoute, value: string): DashboardState {
  const field = ENTITY_PAGES[route].field;
  const filters = state.filters.filter((f) => !('field' in f && f.field === field));
  return { ...state, route, entity: value, filters };
}

/**
 * The page's filters with its subject as one more: what every report of the page is scoped to and
 * what its drill-downs carry into the log, where the subject becomes a pill.
 */
export function entityFilters(state: DashboardState): DashboardFilter[] {
  if (!isEntityRoute(state.route) || state.entity === undefined) return state.filters;
  return setValues(state.filters, 'is', ENTITY_PAGES[state.route].field, [state.entity]);
}
