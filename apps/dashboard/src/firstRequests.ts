import { loadWorldTopology } from '@sightline/charts/geo';
import type { ReportDefinition } from '@sightline/schema/reports';
import { isFindingsPath } from './findings/findingsUrl';
import { customersQuery } from './api/customersQuery';
import { prefetchInOrder } from './api/usePrefetchInOrder';
import { apiSession } from './api/session';
import { readToken } from './auth/tokenStore';
import { overviewReports, overviewRequestOrder } from './overview/overviewReports';
import { reportScope } from './state/reportScope';
import { browserTimeZone } from './state/timeRange';
import { decodeState, type DashboardState } from './state/urlState';

/** The reports a page needs at once, slowest first. */
export function firstRequests(state: DashboardState): ReportDefinition[] {
  return state.route === 'overview' ? overviewRequestOrder(overviewReports(reportScope(state))) : [];
}

/**
 * Asks for the page's reports, and whether the token has customers to choose from, from the URL and
 * the stored token alone, before React and the charts are parsed, so the API and Elasticsearch work
 * while the app loads. The results land in the session's cache, where the app finds them (or their
 * requests still in flight).
 */
export function startFirstRequests(): void {
  const token = readToken();
  if (!token) return;
  // The Findings page asks for no reports; urlState would read its path as the overview's.
  const findings = isFindingsPath(window.location.pathname);
  const { state } = decodeState(window.location.pathname, window.location.search, browserTimeZone);
  // The map's geometry first: a browser opens six connections to a host, and behind eight reports
  // it would wait for the slowest of them. A failure is left for the map, which shows it and retries.
  if (!findings && state.route === 'overview') loadWorldTopology().catch(() => undefined);
  const session = apiSession(token, state.customer);
  if (!findings) prefetchInOrder(session.queryClient, session.client, firstRequests(state));
  // Every page waits for this answer (an admin's token has a customer to choose) before it shows:
  // asked for by the app, it would cost a round trip after React and the charts are parsed.
  void session.queryClient.prefetchQuery(customersQuery(session.client));
}
