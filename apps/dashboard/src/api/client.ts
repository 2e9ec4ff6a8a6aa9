import { createClient, type SightlineClient } from '@sightline/query-api/client';

/**
 * The API is served from the dashboard's own origin (the API serves the build; Vite proxies /api in dev).
 * `customer` is the one an admin token reads, sent with every request. Reports are not batched yet
 * (`batchReports`): with it on, the log's paging test past 10,000 rows failed under the full suite's
 * load, for a reason still to be found; the overview measured faster with it (bench/results/dashboard.md).
 */
export function dashboardClient(token: string, customer?: string): SightlineClient {
  return createClient({ baseUrl: '', token, ...(customer ? { customer } : {}) });
}
