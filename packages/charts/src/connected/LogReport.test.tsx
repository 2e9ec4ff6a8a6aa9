import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { Report } from './Report';
import { SightlineProvider } from './SightlineProvider';
import type { LogResult, ReportClient, ReportDefinition, ReportResult } from './types';

const meta = { tookMs: 3, from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z', timeZone: 'UTC' };
const logDefinition: ReportDefinition = {
  timeRange: { last: '24h' },
  view: { type: 'log', columns: ['ts', 'user.name', 'access_device.location.geo'], pageSize: 2 },
};

/** A page of the log, holding only the fields the view's columns ask for (and txid, ts). */
function page(names: string[], nextCursor: string | null): LogResult {
  const rows = names.map((name, i) => ({
    txid: `tx-${name}`,
    ts: `2025-03-03T0${i}:00:00.000Z`,
    user: { name },
    access_device: { location: { geo: { lat: 52.5, lon: 13.4 } } },
  }));
  return { view: 'log', rows: rows as unknown as LogResult['rows'], total: 4, nextCursor, meta };
}

function deferredClient() {
  const calls: { definition: ReportDefinition; resolve: (r: ReportResult) => void }[] = [];
  const client: ReportClient = {
    runReport: (definition) => new Promise((resolve) => calls.push({ definition, resolve })),
  };
  return { client, calls };
}

function renderLog(client: ReportClient, definition = logDefinition) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <SightlineProvider client={client} queryClient={queryClient}>
      <Report definition={definition} title="Log" />
    </SightlineProvider>,
  );
}

const userNames = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('gridcell')[1]?.textContent);

/** Waits for the client's n-th request (the first waits for the lazily loaded table, too). */
async function request(calls: ReturnType<typeof deferredClient>['calls'], n: number) {
  await waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(n), { timeout: 10_000 });
  expect(calls).toHaveLength(n);
  return calls[n - 1]!;
}

describe('<Report> for a log', { timeout: 30_000 }, () => {
  it('sorts on the server: a header click asks for the first page in the new order', async () => {
    const user = userEvent.setup();
    const { client, calls } = deferredClient();
    renderLog(client);
    const first = await request(calls, 1);
    expect(first.definition.view).not.toHaveProperty('sort');
    await act(async () => first.resolve(page(['zoe', 'amy'], 'after-amy')));
    // The two rows do not fill the grid, so it asks for the next page straight away.
    const second = await request(calls, 2);
    expect(second.definition.view).toMatchObject({ cursor: 'after-amy' });
    await act(async () => second.resolve(page(['kim', 'lee'], null)));
    await waitFor(() => expect(userNames()).toEqual(['zoe', 'amy', 'kim', 'lee']));
    const grid = screen.getByRole('grid', { name: 'Log' });

    const header = screen.getByRole('columnheader', { name: /User/ });
    await user.click(within(header).getByRole('button'));
    const sorted = await request(calls, 3);
    expect(sorted.definition.view).toEqual({
      ...logDefinition.view,
      sort: [{ field: 'user.name', order: 'asc' }],
    });
    // Until the sorted page arrives, the loaded rows stay as they came, and the grid is busy.
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(grid).toHaveAttribute('aria-busy', 'true');
    expect(userNames()).toEqual(['zoe', 'amy', 'kim', 'lee']);

    await act(async () => sorted.resolve(page(['amy', 'bob'], null)));
    await waitFor(() => expect(userNames()).toEqual(['amy', 'bob']));
    expect(grid).not.toHaveAttribute('aria-busy');
  });

  it('asks for the next pages in the chosen order', async () => {
    const user = userEvent.setup();
    const { client, calls } = deferredClient();
    renderLog(client);
    await act(async () => (await request(calls, 1)).resolve(page(['zoe', 'amy'], null)));
    const header = await screen.findByRole('columnheader', { name: /User/ });
    await user.click(within(header).getByRole('button'));
    await user.click(within(header).getByRole('button'));
    await waitFor(() =>
      expect(calls.at(-1)!.definition.view).toMatchObject({ sort: [{ field: 'user.name', order: 'desc' }] }),
    );
    const descending = calls.at(-1)!;
    // Counted before the answer: the next page may be asked for while it is being rendered.
    const asked = calls.length;
    await act(async () => descending.resolve(page(['zoe', 'yan'], 'after-yan')));

    const next = await request(calls, asked + 1);
    expect(next.definition.view).toEqual({
      ...logDefinition.view,
      sort: [{ field: 'user.name', order: 'desc' }],
      cursor: 'after-yan',
    });
  });

  it('starts from the definition’s own sort and offers sorting only on fields the API can sort', async () => {
    const { client, calls } = deferredClient();
    renderLog(client, {
      ...logDefinition,
      view: {
        type: 'log',
        columns: ['ts', 'user.name', 'access_device.location.geo'],
        sort: [{ field: 'ts' }],
      },
    });
    await act(async () => (await request(calls, 1)).resolve(page(['amy'], null)));
    const time = await screen.findByRole('columnheader', { name: /Time/ });
    // The API's default order is descending.
    expect(time).toHaveAttribute('aria-sort', 'descending');
    // Geo points have no order: the API refuses to sort by them.
    const location = screen.getByRole('columnheader', { name: 'Location' });
    expect(location).not.toHaveAttribute('aria-sort');
    expect(within(location).queryByRole('button')).toBeNull();
  });
});
