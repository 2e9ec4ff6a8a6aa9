import { SightlineApiError } from '@sightline/client';

/** What the user can do about a failure. */
export type Recovery = 'retry' | 'sign-in' | 'change-filters';

export interface ErrorDescription {
  title: string;
  message: string;
  /** For invalid requests: each problem with its path in the definition (`filters.and.1.value`). */
  issues: { path: string; message: string }[];
  recovery: Recovery;
}

/** True when the API says the token is missing, wrong, expired or revoked. */
export function isAuthError(error: unknown): boolean {
  return error instanceof SightlineApiError && error.status === 401;
}

/**
 * True when the API refused a page's cursor: signed by a server that has since restarted with another
 * secret, or by another instance. Nothing is wrong with the view; reading it again from the first page
 * gets fresh cursors.
 */
export function isCursorRefused(error: unknown): boolean {
  return (
    error instanceof SightlineApiError &&
    error.status === 400 &&
    error.issues.some((issue) => issue.path === 'view.cursor' || issue.path === 'after')
  );
}

/** Turns any failure into words that say what went wrong and how to get past it. */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof SightlineApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { title: 'Something went wrong', message, issues: [], recovery: 'retry' };
  }
  if (error.status === 0) {
    return {
      title: 'The Sightline API cannot be reached',
      message: 'Check your connection, or whether the server is running, then retry.',
      issues: [],
      recovery: 'retry',
    };
  }
  if (error.status === 401) {
    return {
      title: 'Your session has ended',
      message: 'The token was not accepted: it may have expired or been revoked. Sign in again.',
      issues: [],
      recovery: 'sign-in',
    };
  }
  if (isCursorRefused(error)) {
    return {
      title: 'The next page could not be read',
      message:
        'The server no longer accepts where this list left off (it may have restarted). Retry reads the list again from the top.',
      issues: [],
      recovery: 'retry',
    };
  }
  if (error.status === 400) {
    return {
      title: 'The API refused this request',
      message: 'A filter or setting is not valid for this report. Change or remove it and the view updates.',
      issues: error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }],
      recovery: 'change-filters',
    };
  }
  if (error.status === 503 || error.status === 502 || error.status === 504) {
    const wait = error.retryAfter ? ` Retrying in about ${error.retryAfter} s may help.` : '';
    return {
      title: 'The data store is unavailable',
      message: `The API is up but Elasticsearch did not answer.${wait}`,
      issues: [],
      recovery: 'retry',
    };
  }
  if (error.status === 403) {
    return { title: 'Not allowed', message: error.message, issues: [], recovery: 'sign-in' };
  }
  return {
    title: `The API answered ${error.status}`,
    message: error.message,
    issues: [],
    recovery: 'retry',
  };
}

/** What the sign-in form says when a token it checked was refused, or the check failed. */
export function signInFailure(error: unknown): string {
  if (isAuthError(error)) {
    return 'That token was not accepted. Check that it was copied whole; demo tokens change every time Sightline starts.';
  }
  if (error instanceof SightlineApiError && error.status === 0) {
    return 'The Sightline API cannot be reached. Is the server running?';
  }
  return `Signing in failed: ${describeError(error).message}`;
}
