import { createClient, type SightlineClient } from '@sightline/query-api/client';
import { SightlineProvider } from '@sightline/charts/connected';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { isAuthError } from './errors';

const ClientContext = createContext<SightlineClient | null>(null);

/** The API is served from the dashboard's own origin (the API serves the build; Vite proxies /api in dev). */
export function dashboardClient(token: string): SightlineClient {
  return createClient({ baseUrl: '', token });
}

interface ApiProviderProps {
  token: string;
  /** Called once when any request says the token is no longer accepted. */
  onUnauthorized: () => void;
  children: ReactNode;
}

/** One client and one query cache per signed-in token; signing in again starts from a clean cache. */
export function ApiProvider({ token, onUnauthorized, children }: ApiProviderProps) {
  const [client] = useState(() => dashboardClient(token));
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: (error) => isAuthError(error) && onUnauthorized() }),
        defaultOptions: {
          queries: {
            // A refused token or a bad filter will not fix itself; anything else gets one more try.
            retry: (count, error) => count < 1 && !isAuthError(error) && !isClientError(error),
            staleTime: 15_000,
            refetchOnWindowFocus: false,
          },
        },
      }),
  );
  return (
    <ClientContext.Provider value={client}>
      <SightlineProvider client={client} queryClient={queryClient}>
        {children}
      </SightlineProvider>
    </ClientContext.Provider>
  );
}

function isClientError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    (error as { status: number }).status === 400
  );
}

export function useClient(): SightlineClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside <ApiProvider>');
  return client;
}
