import type { ReportDefinition, ReportResult, ResultFor } from '@sightline/query-api/reports';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WidgetState } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { refreshMs } from '../state/refresh';
import { useClient } from './ApiProvider';

export interface WidgetReport<R> {
  state: WidgetState;
  /** The newest result on hand: for this definition, or the previous one while updating. */
  result: R | undefined;
  error: unknown;
  retry: () => void;
}

type View = ReportResult['view'];

/**
 * Runs a widget's report through React Query with the page's auto-refresh. While a new definition
 * loads, the previous result stays on screen (placeholderData), so the page never goes blank.
 */
export function useWidgetReport<V extends View>(
  definition: ReportDefinition,
  isEmpty: (result: ResultFor<V>) => boolean,
): WidgetReport<ResultFor<V>> {
  const client = useClient();
  const { state: page } = useDashboard();
  const query = useQuery({
    queryKey: ['report', definition],
    queryFn: ({ signal }) => client.runReport(definition, { signal }) as Promise<ResultFor<V>>,
    placeholderData: keepPreviousData,
    refetchInterval: refreshMs(page.refresh),
  });
  const { data, error, isPlaceholderData } = query;
  const state: WidgetState = query.isError
    ? 'error'
    : data === undefined
      ? 'loading'
      : isPlaceholderData
        ? 'updating'
        : isEmpty(data)
          ? 'empty'
          : 'ready';
  return { state, result: data, error, retry: () => void query.refetch() };
}
