import { SightlineApiError, type CustomerList } from '@sightline/client';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../api/ApiProvider';
import { apiSession } from '../api/session';
import { DashboardProvider } from '../state/DashboardContext';
import { useDashboardState } from '../state/useDashboardState';
import { ChooseCustomer } from './ChooseCustomer';
import { Toolbar } from './Toolbar';

const list: CustomerList = {
  customers: [
    { id: 'acme', records: 12_000 },
    { id: 'globex', records: 40 },
  ],
  truncated: false,
};

function Page({ children }: { children: ReactNode }) {
  const { state, update } = useDashboardState();
  return (
    <DashboardProvider value={{ state, update, labelOf: (field) => field }}>{children}</DashboardProvider>
  );
}

let sessions = 0;
function renderWith(answer: () => Promise<CustomerList>, children: ReactNode) {
  const token = `customers-${++sessions}`;
  const session = apiSession(token);
  vi.spyOn(session.client, 'customers').mockImplementation(answer);
  vi.spyOn(session.client, 'freshness').mockImplementation(() => new Promise(() => {}));
  return render(
    <ApiProvider token={token} onUnauthorized={() => {}}>
      <Page>{children}</Page>
    </ApiProvider>,
  );
}

const customerParam = () => new URLSearchParams(window.location.search).get('customer');

beforeEach(() => window.history.replaceState(null, '', '/?tz=UTC'));
afterEach(cleanup);

describe('choosing a customer with an admin token', () => {
  it('lists the API’s customers in place of the page, each a link that keeps the choice in the URL', async () => {
    renderWith(async () => list, <ChooseCustomer />);
    const acme = await screen.findByRole('link', { name: 'acme' });
    expect(acme.getAttribute('href')).toBe('/?customer=acme&tz=UTC');
    await userEvent.setup().click(acme);
    expect(customerParam()).toBe('acme');
  });

  it('switches customer from the toolbar', async () => {
    window.history.replaceState(null, '', '/?customer=acme&tz=UTC');
    renderWith(async () => list, <Toolbar />);
    const select = await screen.findByRole('combobox', { name: 'Customer' });
    expect((select as HTMLSelectElement).value).toBe('acme');
    await userEvent.setup().selectOptions(select, 'globex');
    expect(customerParam()).toBe('globex');
  });

  it('offers no switcher to a customer token, which the API refuses the list', async () => {
    renderWith(
      () => Promise.reject(new SightlineApiError(403, 'forbidden', 'the customer list is for admin tokens')),
      <Toolbar />,
    );
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Time zone' })).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole('combobox', { name: 'Customer' })).toBeNull();
  });
});

describe('the API session of an admin token', () => {
  it('sends the chosen customer with every request', async () => {
    const fetch = vi.fn(async () => Response.json({ fields: [] }));
    vi.stubGlobal('fetch', fetch);
    try {
      await apiSession('admin-token', 'globex').client.fields();
      expect(
        new URL(String(fetch.mock.calls[0]?.[0 as never]), 'http://x').searchParams.get('customer'),
      ).toBe('globex');
      expect(apiSession('admin-token', 'acme')).not.toBe(apiSession('admin-token', 'globex'));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
