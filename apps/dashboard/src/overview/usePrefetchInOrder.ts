import { reportQueryKey } from '@sightline/charts/connected';
import type { ReportDefinition } from '@sightline/query-api/reports';
import { useQueryClient } from '@tanstack/react-query';
import { useClient } from '../api/ApiProvider';

/**
 * Starts the page's report requests while it renders, in the order given, instead of one by one as
 * each widget's effect runs after the commit (which is a render later). A browser opens at most six
 * connections to one host and the overview needs seven reports: the slowest go first, so a fast one
 * waits for a free connection instead. The same as React Query's usePrefetchQuery, for a list.
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
