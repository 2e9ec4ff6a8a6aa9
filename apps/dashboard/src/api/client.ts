import { createClient, type SightlineClient } from '@sightline/client';

/**
 * The API is served from the dashboard's own origin (the API serves the build; Vite proxies /api in dev).
 * `customer` is the one an admin token reads, sent with every request. A page's reports go out as one
 * batch (`batchReports`): eight reports sent one request each would queue behind the browser's six
 * connections to a host (bench/results/dashboard.md).
 */
export function dashboardClient(token: string, customer?: string): SightlineClient {
  return createClient({ baseUrl: '', token, batchReports: true, ...(customer ? { customer } : {}) });
}
