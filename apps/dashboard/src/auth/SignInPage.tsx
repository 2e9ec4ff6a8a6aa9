import './signin.css';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface SignInPageProps {
  /** Why the user is here again (expired token, signed out); null on a first visit. */
  notice: string | null;
  /** Resolves when the API accepts the token; rejects with a message the user can act on. */
  verify: (token: string) => Promise<void>;
  onSignedIn: (token: string) => void;
}

export function SignInPage({ notice, verify, onSignedIn }: SignInPageProps) {
  const id = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Sightline';
    headingRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (!trimmed) return setError('Enter your customer token.');
    setChecking(true);
    setError(null);
    try {
      await verify(trimmed);
      onSignedIn(trimmed);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setChecking(false);
    }
  };

  const messageId = `${id}-message`;
  const message = error ?? notice;
  return (
    <main className="sl-signin" id="main">
      <form
        className="sl-signin__card"
        onSubmit={submit}
        noValidate
        aria-describedby={message ? messageId : undefined}
      >
        <h1 ref={headingRef} tabIndex={-1}>
          Sign in to Sightline
        </h1>
        <p className="sl-signin__hint">
          Use the customer token your administrator gave you. Running locally? <code>npm start</code> prints
          demo tokens.
        </p>
        {message && (
          <div
            id={messageId}
            role="alert"
            className={`sl-notice sl-notice--inline ${error ? 'sl-notice--error' : 'sl-notice--warning'}`}
          >
            {message}
          </div>
        )}
        <label htmlFor={`${id}-token`}>Customer token</label>
        <input
          id={`${id}-token`}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="sl-button" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
