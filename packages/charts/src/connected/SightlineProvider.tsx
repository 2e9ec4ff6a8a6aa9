import { createContext, useContext, useState } from 'react';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { sightlineQueryDefaults } from './retry';
import type { ReportClient } from './types';

const ClientContext = createContext<ReportClient | null>(null);

export interface SightlineProviderProps {
  /** The query API client every `useReport` below runs reports with. */
  client: ReportClient;
  /**
   * Share your app's React Query cache; by default the provider creates its own, with
   * `sightlineQueryDefaults` (one retry, none for a refusal that cannot change, Retry-After honoured).
   */
  queryClient?: QueryClient;
  children: ReactNode;
}

/** Makes a query API client (and a React Query cache) available to `useReport` and `<Report>`. */
export function SightlineProvider({ client, queryClient, children }: SightlineProviderProps) {
  const [own] = useState(
    () => queryClient ?? new QueryClient({ defaultOptions: { queries: sightlineQueryDefaults } }),
  );
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient ?? own}>{children}</QueryClientProvider>
    </ClientContext.Provider>
  );
}

/** The client from the nearest {@link SightlineProvider}. */
export function useReportClient(): ReportClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useReport and <Report> need a <SightlineProvider client={…}> above them.');
  return client;
}
