import { reportQueryOptions } from '@sightline/charts/connected';
import type { SightlineClient } from '@sightline/client';
import type { ReportDefinition } from '@sightline/schema/reports';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useClient } from './ApiProvider';

/**
 * Starts report requests in the order given, into the cache the widgets read, leaving alone those
 * already there. The same as React Query's prefetchQuery, for a list.
 */
export function prefetchInOrder(
  queryClient: QueryClient,
  client: SightlineClient,
  definitions: readonly ReportDefinition[],
): void {
  for (const definition of definitions) {
    const options = reportQueryOptions(client, definition);
    if (queryClient.getQueryState(options.queryKey)) continue;
    void queryClient.prefetchQuery(options);
  }
}

/**
 * Starts report requests while the caller renders, instead of one by one as each widget's effect
 * runs after the commit (which is a render later).
 */
export function usePrefetchInOrder(definitions: readonly ReportDefinition[]): void {
  prefetchInOrder(useQueryClient(), useClient(), definitions);
}
