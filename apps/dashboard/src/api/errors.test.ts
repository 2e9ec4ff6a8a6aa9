import { describe, expect, it } from 'vitest';
import { SightlineApiError } from '@sightline/client';
import { describeError, isAuthError, isCursorRefused, signInFailure } from './errors';

describe('error descriptions', () => {
  it('sends an expired or invalid token back to sign-in', () => {
    const error = new SightlineApiError(401, 'unauthorized', 'invalid token');
    expect(isAuthError(error)).toBe(true);
    expect(describeError(error).recovery).toBe('sign-in');
    expect(signInFailure(error)).toMatch(/not accepted/);
  });

  it('keeps the API’s issue paths for an invalid filter', () => {
    const error = new SightlineApiError(400, 'invalid_request', 'invalid report definition', {
      issues: [{ path: 'filters.and.0.value', message: "'x' is not one of success, denied" }],
    });
    expect(describeError(error)).toMatchObject({
      recovery: 'change-filters',
      issues: [{ path: 'filters.and.0.value', message: "'x' is not one of success, denied" }],
    });
  });

  it('offers to read the list again when a page’s cursor is refused, not to change the filters', () => {
    const error = new SightlineApiError(400, 'invalid_request', 'invalid report definition', {
      issues: [{ path: 'view.cursor', message: 'cursor was signed by another server' }],
    });
    expect(isCursorRefused(error)).toBe(true);
    expect(describeError(error)).toMatchObject({ recovery: 'retry', title: /next page/ });
    const badFilter = new SightlineApiError(400, 'invalid_request', 'x', {
      issues: [{ path: 'filters.and.0.value', message: 'y' }],
    });
    expect(isCursorRefused(badFilter)).toBe(false);
  });

  it('tells an unreachable API from an unavailable data store', () => {
    expect(describeError(new SightlineApiError(0, 'network_error', 'cannot reach')).title).toMatch(
      /cannot be reached/,
    );
    const down = describeError(new SightlineApiError(503, 'unavailable', 'es down', { retryAfter: 5 }));
    expect(down.title).toMatch(/data store/);
    expect(down.message).toMatch(/5 s/);
    expect(signInFailure(new SightlineApiError(0, 'network_error', 'x'))).toMatch(/cannot be reached/);
  });

  it('describes anything else without losing its message', () => {
    expect(describeError(new Error('boom'))).toMatchObject({ message: 'boom', recovery: 'retry' });
  });
});
