import { useLogPages as useLibraryLogPages } from '@sightline/charts/connected';
import type { ReportDefinition } from '@sightline/schema/reports';
import { isCursorRefused } from '../api/errors';
import type { WidgetState } from '../layout/Widget';
import { refreshMs, type RefreshInterval } from '../state/refresh';

/**
 * The log page's rows through the library's log-paging hook, with the page's auto-refresh (only a
 * log still on its first page is re-read) and the widget's state.
 */
export function useLogPages(definition: ReportDefinition, refresh: RefreshInterval) {
  const interval = refreshMs(refresh);
  const query = useLibraryLogPages(definition, interval ? { refetchInterval: interval } : {});
  const { rows } = query;
  const state: WidgetState =
    query.isError && !query.isFetchNextPageError
      ? 'error'
      : !query.data
        ? 'loading'
        : query.isPlaceholderData
          ? 'updating'
          : rows.length === 0
            ? 'empty'
            : 'ready';
  return {
    state,
    rows,
    total: query.total,
    error: query.error,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMoreError: query.isFetchNextPageError ? query.error : null,
    loadMore: () => void query.fetchNextPage(),
    // A refused cursor cannot be retried as is: refetching reads the pages again from the first,
    // each continuing from the cursor of the page just read.
    retryLoadMore: () => void (isCursorRefused(query.error) ? query.refetch() : query.fetchNextPage()),
    retry: () => void query.refetch(),
  };
}
