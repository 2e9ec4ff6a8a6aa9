import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { clearToken, readToken, writeToken } from './tokenStore';

export interface Session {
  /** The signed-in customer's token, or null on the sign-in page. */
  token: string | null;
  /** Why the user was sent back to sign in (expired token, signed out), shown on the sign-in page. */
  notice: string | null;
  signIn: (token: string) => void;
  signOut: (notice?: string) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(readToken);
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((next: string) => {
    writeToken(next);
    setNotice(null);
    setToken(next);
  }, []);

  const signOut = useCallback((reason?: string) => {
    clearToken();
    setNotice(reason ?? null);
    setToken(null);
  }, []);

  const value = useMemo(() => ({ token, notice, signIn, signOut }), [token, notice, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
