import { reportQueryKey } from '@sightline/charts/connected';
import type { ReportDefinition } from '@sightline/query-api/reports';
import { useQueryClient } from '@tanstack/react-query';
import { useClient } from './ApiProvider';

/**
 * Starts report requests while the caller renders, in the order given, instead of one by one as each
 * widget's effect runs after the commit (which is a render later). Requests already in the cache are
 * left alone. The same as React Query's usePrefetchQuery, for a list.
 */
export function usePrefetchInOrder(definitions: readonly ReportDefinition[]): void {
  const client = useClient();
  const queryClient = useQueryClient();
  for (const definition of definitions) {
    const queryKey = reportQueryKey(definition);
    if (queryClient.getQueryState(queryKey)) continue;
    void queryClient.prefetchQuery({
      queryKey,
      queryFn: ({ signal }) => client.runReport(definition, { signal }),
    });
  }
}
