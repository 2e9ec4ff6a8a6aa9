import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryResult,
  type UseMutationResult,
} from '@tanstack/react-query';
import { useReportClient } from './SightlineProvider';
import type {
  FindingPage,
  FindingParams,
  FindingsClient,
  FindingStatusChange,
  FindingStatusResult,
  ReportClient,
  StoredFinding,
} from './types';
import { stableStringify } from './useReport';

/** Every findings query sits under this key: a status change updates and invalidates them together. */
export const FINDINGS_QUERY_KEY = ['sightline', 'findings'] as const;

/** Query key of one findings list (for invalidation or prefetching). */
export function findingsQueryKey(
  params: Omit<FindingParams, 'cursor'>,
): readonly ['sightline', 'findings', string] {
  return [...FINDINGS_QUERY_KEY, stableStringify(params)];
}

function isFindingsClient(client: ReportClient): client is ReportClient & FindingsClient {
  const c = client as Partial<FindingsClient>;
  return typeof c.findings === 'function' && typeof c.setFindingStatus === 'function';
}

/** The provider's client, which must also answer findings (`createClient()` does). */
export function useFindingsClient(): FindingsClient {
  const client = useReportClient();
  if (!isFindingsClient(client))
    throw new Error(
      'useFindings needs a <SightlineProvider client={…}> whose client has findings() and setFindingStatus().',
    );
  return client;
}

export interface UseFindingsOptions {
  /** Set false to hold the query. */
  enabled?: boolean;
  /** Refetches on this interval, in ms (live dashboards). */
  refetchInterval?: number;
}

export type FindingPages = InfiniteData<FindingPage, string | undefined>;

/**
 * A customer's findings through React Query, page by page (newest first): `fetchNextPage()` reads
 * the next page with the previous one's cursor. Unmounting or changing the parameters cancels the
 * request.
 */
export function useFindings(
  params: Omit<FindingParams, 'cursor'> = {},
  options: UseFindingsOptions = {},
): UseInfiniteQueryResult<FindingPages> {
  const client = useFindingsClient();
  return useInfiniteQuery({
    queryKey: findingsQueryKey(params),
    queryFn: ({ pageParam, signal }) =>
      client.findings(pageParam ? { ...params, cursor: pageParam } : params, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...options,
  });
}

/** Every finding of the pages loaded, in their order. */
export function findingsOf(data: FindingPages | undefined): StoredFinding[] {
  return data?.pages.flatMap((page) => page.findings) ?? [];
}

export interface FindingStatusVariables {
  id: string;
  change: FindingStatusChange;
}

interface Snapshot {
  previous: [QueryKey, FindingPages | undefined][];
}

function replaceFinding(
  data: FindingPages | undefined,
  id: string,
  patch: (finding: StoredFinding) => StoredFinding,
): FindingPages | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      findings: page.findings.map((f) => (f.id === id ? patch(f) : f)),
    })),
  };
}

/**
 * Sets a finding's status. Every list on screen shows the new status at once (where the finding is,
 * so the reader's place holds); a failure puts the old status back and is the mutation's `error`.
 * Lists are marked stale, so the next time they are shown they are read again in their order.
 */
export function useFindingStatus(): UseMutationResult<
  FindingStatusResult,
  Error,
  FindingStatusVariables,
  Snapshot
> {
  const client = useFindingsClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }) => client.setFindingStatus(id, change),
    onMutate: async ({ id, change }) => {
      await queryClient.cancelQueries({ queryKey: FINDINGS_QUERY_KEY });
      const previous = queryClient.getQueriesData<FindingPages>({ queryKey: FINDINGS_QUERY_KEY });
      queryClient.setQueriesData<FindingPages>({ queryKey: FINDINGS_QUERY_KEY }, (data) =>
        replaceFinding(data, id, (f) => ({ ...f, status: change.status })),
      );
      return { previous };
    },
    onError: (_error, _variables, snapshot) => {
      for (const [key, data] of snapshot?.previous ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: ({ finding }) => {
      queryClient.setQueriesData<FindingPages>({ queryKey: FINDINGS_QUERY_KEY }, (data) =>
        replaceFinding(data, finding.id, () => finding),
      );
      void queryClient.invalidateQueries({ queryKey: FINDINGS_QUERY_KEY, refetchType: 'none' });
    },
  });
}
