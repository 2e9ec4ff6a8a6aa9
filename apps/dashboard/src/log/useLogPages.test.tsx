import { SightlineApiError } from '@sightline/client';
import type { ReportDefinition } from '@sightline/schema/reports';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../api/ApiProvider';
import { apiSession } from '../api/session';
import { logCursorOf, logPage } from '../api/test-support';
import { useLogPages } from './useLogPages';

const definition: ReportDefinition = {
  timeRange: { last: '24h', timeZone: 'UTC' },
  view: { type: 'log', pageSize: 2 },
};

const page = (txids: string[], nextCursor: string | null) => logPage(txids, nextCursor, 6);

describe('the log’s pages', () => {
  it('read again from the first page when the server refuses a cursor, then load more from fresh cursors', async () => {
    const token = 'log-pages-cursor';
    const runReport = vi.spyOn(apiSession(token).client, 'runReport');
    runReport.mockImplementation(async (d) => {
      const cursor = logCursorOf(d);
      if (cursor === null) return page(['a', 'b'], 'fresh-1');
      if (cursor === 'fresh-1') return page(['c', 'd'], 'fresh-2');
      // Cursors of an earlier server (it restarted with another secret).
      throw new SightlineApiError(400, 'invalid_request', 'invalid report definition', {
        issues: [
          {
            path: 'view.cursor',
            message: 'cursor was signed by another server; start again without a cursor',
          },
        ],
      });
    });
    // The first page came with a cursor the server will no longer accept.
    runReport.mockResolvedValueOnce(page(['a', 'b'], 'stale-1'));
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ApiProvider token={token} onUnauthorized={() => {}}>
        {children}
      </ApiProvider>
    );
    const { result } = renderHook(() => useLogPages(definition, 'off'), { wrapper });
    await waitFor(() => expect(result.current.rows).toHaveLength(2));

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.loadMoreError).not.toBeNull());
    expect(result.current.rows.map((r) => r.txid)).toEqual(['a', 'b']);

    act(() => result.current.retryLoadMore());
    await waitFor(() => expect(result.current.loadMoreError).toBeNull());
    expect(logCursorOf(runReport.mock.lastCall![0])).toBeNull();
    expect(result.current.hasMore).toBe(true);

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.rows.map((r) => r.txid)).toEqual(['a', 'b', 'c', 'd']));
    expect(logCursorOf(runReport.mock.lastCall![0])).toBe('fresh-1');
  });
});
