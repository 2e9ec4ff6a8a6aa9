import type { SightlineClient } from '@sightline/client';
import { SightlineProvider } from '@sightline/charts/connected';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { apiSession, endApiSession } from './session';

const ClientContext = createContext<SightlineClient | null>(null);

interface ApiProviderProps {
  token: string;
  /** The customer an admin token reads (from the URL). */
  customer?: string;
  /** Called once when any request says the token is no longer accepted. */
  onUnauthorized: () => void;
  children: ReactNode;
}

/**
 * One client and one query cache per signed-in token and customer (see `apiSession`); signing in
 * again, or choosing another customer, starts from a clean cache.
 */
export function ApiProvider({ token, customer, onUnauthorized, children }: ApiProviderProps) {
  const [session] = useState(() => apiSession(token, customer));
  useEffect(() => session.onUnauthorized(onUnauthorized), [session, onUnauthorized]);
  useEffect(() => () => endApiSession(session), [session]);
  return (
    <ClientContext.Provider value={session.client}>
      <SightlineProvider client={session.client} queryClient={session.queryClient}>
        {children}
      </SightlineProvider>
    </ClientContext.Provider>
  );
}

export function useClient(): SightlineClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside <ApiProvider>');
  return client;
}
