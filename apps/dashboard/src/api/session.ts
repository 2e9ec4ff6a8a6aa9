import type { SightlineClient } from '@sightline/client';
import { sightlineQueryDefaults } from '@sightline/charts/connected';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { dashboardClient } from './client';
import { isAuthError } from './errors';

/** The API client and query cache of one signed-in token. */
export interface ApiSession {
  token: string;
  /** The customer an admin token reads; each customer gets its own client and cache. */
  customer: string | undefined;
  client: SightlineClient;
  queryClient: QueryClient;
  /**
   * Who to tell when a request says the token is no longer accepted. A refusal that came before
   * anyone listened (a request started while the app was still loading) is told at once.
   */
  onUnauthorized: (handler: () => void) => void;
}

let current: ApiSession | undefined;

function createSession(token: string, customer: string | undefined): ApiSession {
  let handler: (() => void) | undefined;
  let refused = false;
  const refuse = () => {
    refused = true;
    handler?.();
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => isAuthError(error) && refuse() }),
    defaultOptions: {
      queries: {
        // The library's retry policy: a refused token or a bad filter will not fix itself.
        ...sightlineQueryDefaults,
        staleTime: 15_000,
        refetchOnWindowFocus: false,
      },
    },
  });
  return {
    token,
    customer,
    client: dashboardClient(token, customer),
    queryClient,
    onUnauthorized: (next) => {
      handler = next;
      if (refused) next();
    },
  };
}

/**
 * The session of `token` reading `customer`: the one already started for it (the page's first requests start before
 * React renders), or a new one with an empty cache.
 */
export function apiSession(token: string, customer?: string): ApiSession {
  if (current?.token !== token || current.customer !== customer) current = createSession(token, customer);
  return current;
}

/** Forgets `session`, so that signing in again, even with the same token, starts from a clean cache. */
export function endApiSession(session: ApiSession): void {
  if (current === session) current = undefined;
}
