import { createClient, type SightlineClient } from '@sightline/query-api/client';

/**
 * The API is served from the dashboard's own origin (the API serves the build; Vite proxies /api in dev).
 * `customer` is the one an admin token reads, sent with every request.
 */
export function dashboardClient(token: string, customer?: string): SightlineClient {
  return createClient({ baseUrl: '', token, ...(customer ? { customer } : {}) });
}
