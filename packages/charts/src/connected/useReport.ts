import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import { useReportClient } from './SightlineProvider';
import type { ReportClient, ReportDefinition, ReportResult } from './types';

/** JSON with object keys sorted, so two equal definitions give the same query key. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Query key of a report definition (for invalidation or prefetching). */
export function reportQueryKey(definition: ReportDefinition): readonly ['sightline', 'report', string] {
  return ['sightline', 'report', stableStringify(definition)];
}

/**
 * React Query options of a report: its key and the request, which the query's signal aborts. For
 * `prefetchQuery`, `ensureQueryData` or a `useQuery` of your own.
 */
export function reportQueryOptions(client: ReportClient, definition: ReportDefinition) {
  return {
    queryKey: reportQueryKey(definition),
    queryFn: ({ signal }: { signal: AbortSignal }) => client.runReport(definition, { signal }),
  };
}

export interface UseReportOptions {
  /** Set false to hold the query (e.g. until a filter is chosen). */
  enabled?: boolean;
  /** How long a result counts as fresh, in ms. */
  staleTime?: number;
  /** Refetches on this interval, in ms (live dashboards). */
  refetchInterval?: number;
}

/**
 * Runs a report definition through React Query. The key is the definition's JSON; the query's
 * abort signal is passed to the client, so unmounting (or changing the definition) cancels the
 * request; the previous result stays visible while the next one loads (`isPlaceholderData`).
 */
export function useReport(
  definition: ReportDefinition,
  options: UseReportOptions = {},
): UseQueryResult<ReportResult> {
  const client = useReportClient();
  return useQuery({
    ...reportQueryOptions(client, definition),
    placeholderData: keepPreviousData,
    ...options,
  });
}
