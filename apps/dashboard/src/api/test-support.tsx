import { SightlineApiError, type SightlineClient } from '@sightline/client';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { ApiProvider } from './ApiProvider';
import { apiSession } from './session';
import { DashboardProvider } from '../state/DashboardContext';
import type { Route } from '../state/routes';
import { defaultState, type DashboardState } from '../state/urlState';

let sessions = 0;

/**
 * Renders an admin page as the dashboard does (one API session, the page-wide state), its client's
 * methods stubbed by the test first; each test gets a session of its own.
 */
export function renderPage(
  route: Route,
  page: ReactNode,
  {
    admin = true,
    state: extra = {},
    stub = () => {},
  }: {
    admin?: boolean;
    state?: Partial<DashboardState>;
    /** Stubs the client's methods before the page's first requests. */
    stub?: (client: SightlineClient) => void;
  } = {},
) {
  const token = `page-test-${++sessions}`;
  const customer = 'acme';
  const { client, queryClient } = apiSession(token, customer);
  const customers = vi.spyOn(client, 'customers');
  if (admin) customers.mockResolvedValue({ customers: [{ id: customer, records: 10 }], truncated: false });
  else
    customers.mockRejectedValue(
      new SightlineApiError(403, 'forbidden', 'customer tokens cannot list customers'),
    );
  stub(client);
  const state: DashboardState = { ...defaultState('UTC', route), customer, ...extra };
  const update = vi.fn();
  const view = render(
    <ApiProvider token={token} customer={customer} onUnauthorized={() => {}}>
      <DashboardProvider value={{ state, update, labelOf: (field) => field }}>{page}</DashboardProvider>
    </ApiProvider>,
  );
  return { ...view, client, queryClient, update };
}
