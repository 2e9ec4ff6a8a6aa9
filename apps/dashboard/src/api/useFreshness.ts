import type { Freshness } from '@sightline/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { refreshMs, type RefreshInterval } from '../state/refresh';
import { useClient } from './ApiProvider';

/** With auto-refresh off the indicator still looks now and then: it is about the data, not the view. */
const IDLE_POLL_MS = 30_000;

/**
 * The signed-in customer's freshness, polled with the page's auto-refresh (every 5 s live). Its key
 * is outside the widgets' `sightline` prefix, so these polls do not count as the page updating.
 */
export function useFreshness(refresh: RefreshInterval) {
  const client = useClient();
  return useQuery<Freshness>({
    queryKey: ['freshness'],
    queryFn: ({ signal }) => client.freshness({ signal }),
    refetchInterval: refreshMs(refresh) || IDLE_POLL_MS,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
