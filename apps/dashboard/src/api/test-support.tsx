import { SightlineApiError, type SightlineClient } from '@sightline/client';
import type { LogResult, ReportDefinition } from '@sightline/schema/reports';
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

/** A page of the log as the API answers it: rows with these ids, and the cursor to the next page. */
export const logPage = (txids: string[], nextCursor: string | null, total: number): LogResult => ({
  view: 'log',
  rows: txids.map((txid) => ({ txid, ts: '2026-11-30T12:00:00.000Z' })),
  total,
  nextCursor,
  meta: { tookMs: 1, from: '2026-11-30T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', timeZone: 'UTC' },
});

/** The cursor a log definition asks from (null: the first page); undefined for other views. */
export const logCursorOf = (d: ReportDefinition) =>
  d.view.type === 'log' ? (d.view.cursor ?? null) : undefined;
