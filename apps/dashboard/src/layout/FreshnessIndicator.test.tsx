import { type Freshness, SightlineApiError } from '@sightline/client';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../api/ApiProvider';
import { apiSession } from '../api/session';
import { FreshnessIndicator } from './FreshnessIndicator';
import { formatAge, freshnessView } from './freshnessText';

// Intervals (the ticking age, the 5-second poll) stand still, so each test sees the answer it gave.
beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const fresh: Freshness = {
  customer: 'acme',
  newestEventAt: '2026-11-20T10:15:26.000Z',
  newestEventAgeMs: 4_000,
  newestIngestedAt: '2026-11-20T10:15:27.000Z',
  newestIngestedAgeMs: 3_000,
  lag: 0,
  stale: false,
  staleAfterMs: 120_000,
  laggingAboveMessages: 10_000,
  checkedAt: '2026-11-20T10:15:30.000Z',
};

let sessions = 0;
function renderWith(answer: () => Promise<Freshness>) {
  const token = `freshness-${++sessions}`;
  const session = apiSession(token);
  const freshness = vi.spyOn(session.client, 'freshness').mockImplementation(answer);
  const view = render(
    <ApiProvider token={token} onUnauthorized={() => {}}>
      <FreshnessIndicator refresh="live" />
    </ApiProvider>,
  );
  return { ...view, freshness, session };
}

describe('the freshness indicator', () => {
  it('says how long ago the newest record arrived', async () => {
    const { container } = renderWith(async () => fresh);
    await waitFor(() => expect(container.textContent).toContain('Updated 3 s ago'));
    expect(container.textContent).not.toContain('waiting');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('adds how many records are waiting when the pipeline lags', async () => {
    const { container } = renderWith(async () => ({ ...fresh, lag: 1234 }));
    await waitFor(() => expect(container.textContent).toContain('Updated 3 s ago · 1,234 waiting'));
  });

  it('turns to a worded warning when the data is stale, and tells a screen reader once', async () => {
    const { container } = renderWith(async () => ({
      ...fresh,
      newestIngestedAgeMs: 240_000,
      lag: 40,
      stale: true,
    }));
    await waitFor(() => expect(container.textContent).toContain('Delayed: updated 4 min ago · 40 waiting'));
    expect(screen.getByRole('status').textContent).toBe(
      'Data delayed: new records are waiting to be stored.',
    );
  });

  it('says when the data catches up again', async () => {
    let answer: Freshness = { ...fresh, newestIngestedAgeMs: 240_000, lag: 40, stale: true };
    const { container, freshness, session } = renderWith(async () => answer);
    await waitFor(() => expect(container.textContent).toContain('Delayed'));
    answer = fresh;
    // The next poll brings the fresh answer; ask for it now instead of waiting for it.
    await session.queryClient.refetchQueries({ queryKey: ['freshness'] });
    await waitFor(() => expect(container.textContent).toContain('Updated 3 s ago'));
    expect(container.textContent).not.toContain('Delayed');
    expect(screen.getByRole('status').textContent).toBe('Data caught up.');
    expect(freshness).toHaveBeenCalledTimes(2);
  });

  it('says the freshness is unknown when the API cannot tell', async () => {
    const { container } = renderWith(() =>
      Promise.reject(new SightlineApiError(503, 'unavailable', 'Elasticsearch is unavailable')),
    );
    await waitFor(() => expect(container.textContent).toContain('Freshness unknown'), { timeout: 5_000 });
  });

  it('counts on between polls, without changing what a screen reader was told', () => {
    expect(freshnessView(fresh, 0).text).toBe('Updated 3 s ago');
    expect(freshnessView(fresh, 60_000).text).toBe('Updated 1 min ago');
    expect(freshnessView(fresh, 0).announcement).toBe(freshnessView(fresh, 60_000).announcement);
    expect(freshnessView({ ...fresh, newestIngestedAt: null, newestIngestedAgeMs: null }, 0).text).toBe(
      'No data yet',
    );
  });

  it('reads ages at a glance', () => {
    expect([59_999, 60_000, 3_599_999, 7_200_000, 172_800_000].map(formatAge)).toEqual([
      '59 s',
      '1 min',
      '59 min',
      '2 h',
      '2 days',
    ]);
  });
});
