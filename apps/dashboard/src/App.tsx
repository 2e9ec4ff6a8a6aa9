import { ApiProvider } from './api/ApiProvider';
import { dashboardClient } from './api/client';
import { signInFailure } from './api/errors';
import { SessionProvider, useSession } from './auth/SessionContext';
import { SignInPage } from './auth/SignInPage';
import { Dashboard } from './Dashboard';
import { useDashboardState } from './state/useDashboardState';

const EXPIRED =
  'Your session has ended: the token expired or was revoked. Sign in again to continue where you were.';

/** Checks a token against the API before it is stored: a typo is caught on the sign-in form. */
async function verifyToken(token: string): Promise<void> {
  try {
    await dashboardClient(token).fields();
  } catch (error) {
    throw new Error(signInFailure(error));
  }
}

function Gate() {
  const { token, notice, signIn, signOut } = useSession();
  const { customer } = useDashboardState().state;
  if (!token) return <SignInPage notice={notice} verify={verifyToken} onSignedIn={signIn} />;
  return (
    // Keyed by token and customer: a new sign-in or another customer gets a fresh client and cache.
    <ApiProvider
      key={`${token}\n${customer ?? ''}`}
      token={token}
      {...(customer ? { customer } : {})}
      onUnauthorized={() => signOut(EXPIRED)}
    >
      <Dashboard onSignOut={() => signOut('You signed out.')} />
    </ApiProvider>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
