import { createClient, type SightlineClient } from '@sightline/query-api/client';

/** The API is served from the dashboard's own origin (the API serves the build; Vite proxies /api in dev). */
export function dashboardClient(token: string): SightlineClient {
  return createClient({ baseUrl: '', token });
}
