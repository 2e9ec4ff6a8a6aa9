import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logCursorOf, logPage, renderPage } from '../api/test-support';
import { SessionProvider } from '../auth/SessionContext';
import { Facet } from './Facet';
import type * as FacetModule from './Facet';
import { LogPage } from './LogPage';

// Counted as it renders (it still renders what it always does).
vi.mock('./Facet', async (original) => {
  const module = await original<typeof FacetModule>();
  return { ...module, Facet: vi.fn(module.Facet) };
});

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
            const cursor = logCursorOf(definition);
            if (cursor === null) return Promise.resolve(logPage(['a', 'b'], 'next', 4));
            if (cursor === 'next')
              return new Promise((resolve) => (second = () => resolve(logPage(['c', 'd'], null, 4))));
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
