/** The dashboard's pages and their paths; the whole router is this table plus the History API. */
export const ROUTES = {
  overview: { path: '/', title: 'Overview' },
  log: { path: '/log', title: 'Authentication log' },
  builder: { path: '/builder', title: 'Report builder' },
  audit: { path: '/exports', title: 'Export audit' },
  health: { path: '/data-health', title: 'Data health' },
  alerts: { path: '/alerts', title: 'Alerts' },
  findingsAudit: { path: '/findings/audit', title: 'Findings audit' },
  user: { path: '/user', title: 'User' },
  ip: { path: '/ip', title: 'IP address' },
} as const;

export type Route = keyof typeof ROUTES;

export const ROUTE_NAMES = Object.keys(ROUTES) as Route[];

/** Pages only admin tokens can use: the API refuses their data to customer tokens. */
export const ADMIN_ROUTES: ReadonlySet<Route> = new Set<Route>([
  'audit',
  'health',
  'alerts',
  'findingsAudit',
]);

/** Pages reached from another page (the findings audit from Findings), not from the navigation. */
export const NESTED_ROUTES: ReadonlySet<Route> = new Set<Route>(['findingsAudit']);

/** Pages about one user or address (state/entity.ts): reached from a name or an address, not the navigation. */
export const SUBJECT_ROUTES: ReadonlySet<Route> = new Set<Route>(['user', 'ip']);

/** The page a path names; trailing slashes are tolerated, anything else is undefined. */
export function routeForPath(pathname: string): Route | undefined {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTE_NAMES.find((r) => ROUTES[r].path === normalised);
}
