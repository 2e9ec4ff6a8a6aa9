import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from './api/ApiProvider';
import { apiSession } from './api/session';
import { useCustomers } from './api/useCustomers';
import { clearToken, writeToken } from './auth/tokenStore';
import { startFirstRequests } from './firstRequests';

/** The API as the page's first requests meet it: a customer token, whose customer list is refused. */
function stubApi() {
  const paths: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL(String(input), 'http://dashboard').pathname;
    paths.push(path);
    if (path === '/api/customers')
      return Response.json(
        { error: { code: 'forbidden', message: 'the customer list is for admin tokens' } },
        { status: 403 },
      );
    return new Promise<Response>(() => {});
  });
  vi.stubGlobal('fetch', fetch);
  return paths;
}

let tokens = 0;
function openPage(url: string) {
  const token = `first-requests-${++tokens}`;
  writeToken(token);
  window.history.replaceState(null, '', url);
  return token;
}

function CustomerKind() {
  return <p>{useCustomers().kind}</p>;
}

afterEach(() => {
  cleanup();
  clearToken();
  vi.unstubAllGlobals();
});

describe('the page’s first requests, sent before React renders', () => {
  it('ask for the overview’s reports and whether the token has customers to choose from', async () => {
    const paths = stubApi();
    openPage('/?last=7d&tz=UTC');
    startFirstRequests();
    await vi.waitFor(() => expect(paths).toContain('/api/reports/batch'));
    expect(paths).toContain('/api/customers');
  });

  it('leave the app nothing to ask again: the customer list’s answer is already in its cache', async () => {
    const paths = stubApi();
    const token = openPage('/?last=7d&tz=UTC');
    startFirstRequests();
    // The refusal has come back and is stored, as when the app's chunk arrives after it.
    await vi.waitFor(() =>
      expect(apiSession(token).queryClient.getQueryState(['customers'])?.status).toBe('error'),
    );
    render(
      <ApiProvider token={token} onUnauthorized={() => {}}>
        <CustomerKind />
      </ApiProvider>,
    );
    expect(await screen.findByText('own')).toBeDefined();
    expect(paths.filter((p) => p === '/api/customers')).toHaveLength(1);
  });

  it('ask the Findings page no reports, but still whether there are customers to choose from', async () => {
    const paths = stubApi();
    openPage('/findings?last=7d&tz=UTC');
    startFirstRequests();
    await vi.waitFor(() => expect(paths).toContain('/api/customers'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(paths).not.toContain('/api/reports/batch');
  });

  it('ask nothing without a stored token: the sign-in page comes first', async () => {
    const paths = stubApi();
    window.history.replaceState(null, '', '/?last=7d&tz=UTC');
    startFirstRequests();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(paths).toEqual([]);
  });
});
