import { SightlineApiError } from '@sightline/client';
import { describe, expect, it, vi } from 'vitest';
import { apiSession, endApiSession } from './session';

const refuse = (token: string) =>
  apiSession(token)
    .queryClient.fetchQuery({
      queryKey: ['probe', token],
      queryFn: () => Promise.reject(new SightlineApiError(401, 'unauthorized', 'invalid token')),
    })
    .catch(() => undefined);

describe('the API session of a token', () => {
  it('is the one the first requests started, until it ends; then a new one with an empty cache', () => {
    const early = apiSession('token-a');
    early.queryClient.setQueryData(['seen'], 1);
    expect(apiSession('token-a')).toBe(early);
    endApiSession(early);
    const next = apiSession('token-a');
    expect(next).not.toBe(early);
    expect(next.queryClient.getQueryData(['seen'])).toBeUndefined();
  });

  it('is new for another token', () => {
    expect(apiSession('token-b')).not.toBe(apiSession('token-c'));
  });

  it('tells of a refused token at once when the refusal came before anyone listened', async () => {
    await refuse('token-d');
    const signOut = vi.fn();
    apiSession('token-d').onUnauthorized(signOut);
    expect(signOut).toHaveBeenCalledOnce();
  });

  it('tells the listener of a refusal that comes later, and only of refusals', async () => {
    const session = apiSession('token-e');
    const signOut = vi.fn();
    session.onUnauthorized(signOut);
    await session.queryClient
      .fetchQuery({
        queryKey: ['bad filter'],
        queryFn: () => Promise.reject(new SightlineApiError(400, 'x', 'y')),
      })
      .catch(() => undefined);
    expect(signOut).not.toHaveBeenCalled();
    await refuse('token-e');
    expect(signOut).toHaveBeenCalledOnce();
  });
});
