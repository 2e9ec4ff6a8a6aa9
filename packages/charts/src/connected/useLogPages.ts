import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useReportClient } from './SightlineProvider';
import type { LogResult, ReportClient, ReportDefinition } from './types';
import { reportQueryKey } from './useReport';

type LogRow = LogResult['rows'][number];

/**
 * React Query options for a log definition read as cursor pages: each page continues after the last
 * one read, as far as the filters reach (no 10,000-row window). The key is the report's, plus
 * `'pages'`, so invalidating a report's key refreshes its log too.
 */
export function logPagesQueryOptions(client: ReportClient, definition: ReportDefinition) {
  return {
    queryKey: [...reportQueryKey(definition), 'pages'] as const,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }: { pageParam: string | null; signal: AbortSignal }) => {
      const view =
        definition.view.type === 'log' && pageParam
          ? { ...definition.view, cursor: pageParam }
          : definition.view;
      const result = await client.runReport({ ...definition, view }, { signal });
      if (result.view !== 'log') throw new Error(`Expected a log result, got "${result.view}".`);
      return result;
    },
    getNextPageParam: (last: LogResult) => last.nextCursor ?? null,
  };
}

export interface UseLogPagesOptions {
  /**
   * Re-reads the log on this interval, in ms, while it is still on its first page: re-reading
   * thousands of loaded rows each time would cost more than it shows.
   */
  refetchInterval?: number;
}

/**
 * A log definition's rows, page after page as the reader asks for more (`fetchNextPage`). While a
 * changed definition (another sort, another filter) loads, the previous rows stay (`isPlaceholderData`).
 */
export function useLogPages(definition: ReportDefinition, options: UseLogPagesOptions = {}) {
  const client = useReportClient();
  const { refetchInterval } = options;
  const query = useInfiniteQuery({
    ...logPagesQueryOptions(client, definition),
    placeholderData: keepPreviousData,
    refetchInterval: (q: { state: { data: InfiniteData<LogResult> | undefined } }) =>
      refetchInterval && (q.state.data?.pages.length ?? 0) <= 1 ? refetchInterval : false,
  });
  const pages = query.data?.pages;
  const rows = useMemo((): LogRow[] => pages?.flatMap((p) => p.rows) ?? [], [pages]);
  return { ...query, rows, total: pages?.[0]?.total };
}
