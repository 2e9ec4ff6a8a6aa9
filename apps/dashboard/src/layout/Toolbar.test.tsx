import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../api/test-support';
import { TimeZoneSelect } from './TimeZoneSelect';
import type * as TimeZoneSelectModule from './TimeZoneSelect';
import { Toolbar } from './Toolbar';

// Counted as it renders (it still renders what it always does).
vi.mock('./TimeZoneSelect', async (original) => {
  const module = await original<typeof TimeZoneSelectModule>();
  return { ...module, TimeZoneSelect: vi.fn(module.TimeZoneSelect) };
});

afterEach(cleanup);

describe('the toolbar while widgets fetch', () => {
  it('says so in the refresh control, and renders nothing else again', async () => {
    const { queryClient } = renderPage('overview', <Toolbar />, {
      admin: false,
      stub: (client) => vi.spyOn(client, 'freshness').mockImplementation(() => new Promise(() => {})),
    });
    // A customer token: its saved views show once the API has refused it the customer list.
    await screen.findByRole('button', { name: 'Saved views' });
    vi.mocked(TimeZoneSelect).mockClear();
    const status = () => document.querySelector('.sl-refresh-status')?.textContent;
    let answer = () => {};
    act(() => {
      void queryClient.fetchQuery({
        queryKey: ['sightline', 'a widget'],
        queryFn: () => new Promise<null>((resolve) => (answer = () => resolve(null))),
      });
    });
    await waitFor(() => expect(status()).toBe('Updating…'));
    act(() => answer());
    await waitFor(() => expect(status()).toBe(''));
    expect(vi.mocked(TimeZoneSelect)).not.toHaveBeenCalled();
  });
});
