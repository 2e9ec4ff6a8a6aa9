import type { LogResult, ReportDefinition } from '@sightline/schema/reports';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../api/test-support';
import { SessionProvider } from '../auth/SessionContext';
import { Facet } from './Facet';
import type * as FacetModule from './Facet';
import { LogPage } from './LogPage';

// Counted as it renders (it still renders what it always does).
vi.mock('./Facet', async (original) => {
  const module = await original<typeof FacetModule>();
  return { ...module, Facet: vi.fn(module.Facet) };
});

const page = (txids: string[], nextCursor: string | null): LogResult => ({
  view: 'log',
  rows: txids.map((txid) => ({ txid, ts: '2026-11-30T12:00:00.000Z' })),
  total: 4,
  nextCursor,
  meta: { tookMs: 1, from: '2026-11-30T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', timeZone: 'UTC' },
});
const cursorOf = (d: ReportDefinition) => (d.view.type === 'log' ? (d.view.cursor ?? null) : undefined);

afterEach(cleanup);

describe('the log page', () => {
  it('renders the table again when a page of the log arrives, not its facets', async () => {
    let second = () => {};
    const { client } = renderPage(
      'log',
      <SessionProvider>
        <LogPage />
      </SessionProvider>,
      {
        stub: (client) =>
          vi.spyOn(client, 'runReport').mockImplementation((definition) => {
            const cursor = cursorOf(definition);
            if (cursor === null) return Promise.resolve(page(['a', 'b'], 'next'));
            if (cursor === 'next')
              return new Promise((resolve) => (second = () => resolve(page(['c', 'd'], null))));
            // The facets' counts: not needed here.
            return new Promise(() => {});
          }),
      },
    );
    const loaded = () => document.getElementById('log-results')?.textContent;
    await waitFor(() => expect(loaded()).toBe('4 attempts · 2 loaded'));
    // The grid asks for the next page itself, its end being in view.
    await waitFor(() =>
      expect(client.runReport).toHaveBeenCalledWith(
        expect.objectContaining({ view: expect.objectContaining({ cursor: 'next' }) }),
        expect.anything(),
      ),
    );
    vi.mocked(Facet).mockClear();
    act(() => second());
    await waitFor(() => expect(loaded()).toBe('4 attempts · 4 loaded'));
    expect(screen.getAllByRole('row')).toHaveLength(5);
    expect(vi.mocked(Facet)).not.toHaveBeenCalled();
  });
});
