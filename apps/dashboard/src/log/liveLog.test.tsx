import type { LogResult, ReportDefinition } from '@sightline/schema/reports';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../api/ApiProvider';
import { apiSession } from '../api/session';
import { useLogPages } from './useLogPages';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const definition: ReportDefinition = {
  timeRange: { last: '1h', timeZone: 'UTC' },
  view: { type: 'log', pageSize: 50 },
};

const page = (txids: string[]): LogResult => ({
  view: 'log',
  rows: txids.map((txid) => ({ txid, ts: '2026-11-30T12:00:00.000Z' })),
  total: txids.length,
  nextCursor: null,
  meta: { tookMs: 1, from: '2026-11-30T11:00:00.000Z', to: '2026-11-30T12:01:00.000Z', timeZone: 'UTC' },
});

/** What the log page shows of the hook: its state and rows. */
function LiveLog() {
  const log = useLogPages(definition, 'live');
  return (
    <p>
      {log.state}: {log.rows.map((r) => r.txid).join(',')}
    </p>
  );
}

describe('the log in live mode', () => {
  it('reads again every 5 s over the same sliding range, keeping the rows on screen meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const token = 'live-log';
    const runReport = vi.spyOn(apiSession(token).client, 'runReport');
    let release: (() => void) | undefined;
    runReport
      .mockResolvedValueOnce(page(['a']))
      .mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(page(['new', 'a'])))));
    const { container } = render(
      <ApiProvider token={token} onUnauthorized={() => {}}>
        <LiveLog />
      </ApiProvider>,
    );
    await waitFor(() => expect(container.textContent).toBe('ready: a'));

    await act(async () => void vi.advanceTimersByTime(4_999));
    expect(runReport).toHaveBeenCalledTimes(1);
    await act(async () => void vi.advanceTimersByTime(1));
    expect(runReport).toHaveBeenCalledTimes(2);
    // While the API answers, the last rows stay.
    expect(container.textContent).toBe('ready: a');
    // The range goes to the API as `last` again, for the API to end at its clock, not as fixed bounds.
    expect(runReport.mock.lastCall![0].timeRange).toEqual({ last: '1h', timeZone: 'UTC' });

    await act(async () => release!());
    await waitFor(() => expect(container.textContent).toBe('ready: new,a'));
  });
});
