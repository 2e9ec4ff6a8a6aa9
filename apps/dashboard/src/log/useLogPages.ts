import type { LogResult, ReportDefinition } from '@sightline/schema/reports';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useClient } from '../api/ApiProvider';
import { isCursorRefused } from '../api/errors';
import type { WidgetState } from '../layout/Widget';
import { refreshMs, type RefreshInterval } from '../state/refresh';

/**
 * The log as cursor pages: "load more" asks for the page after the last one, for as many rows as
 * the filters select (no 10,000-row window). Auto-refresh only re-reads a log still on its first
 * page: re-reading thousands of loaded rows every minute would cost more than it shows.
 */
export function useLogPages(definition: ReportDefinition, refresh: RefreshInterval) {
  const client = useClient();
  const interval = refreshMs(refresh);
  const query = useInfiniteQuery({
    queryKey: ['sightline', 'log-pages', definition],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const view =
        definition.view.type === 'log' && pageParam
          ? { ...definition.view, cursor: pageParam }
          : definition.view;
      return client.runReport({ ...definition, view }, { signal }) as Promise<LogResult>;
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => ((q.state.data?.pages.length ?? 0) > 1 ? false : interval),
  });
  const pages = query.data?.pages;
  const rows = useMemo(() => pages?.flatMap((p) => p.rows) ?? [], [pages]);
  const state: WidgetState =
    query.isError && !query.isFetchNextPageError
      ? 'error'
      : !pages
        ? 'loading'
        : query.isPlaceholderData
          ? 'updating'
          : rows.length === 0
            ? 'empty'
            : 'ready';
  return {
    state,
    rows,
    total: pages?.[0]?.total,
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
