import { useReport } from '@sightline/charts/connected';
import type { ReportDefinition, ReportResult, ResultFor } from '@sightline/schema/reports';
import type { WidgetState } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { refreshMs } from '../state/refresh';

export interface WidgetReport<R> {
  state: WidgetState;
  /** The newest result on hand: for this definition, or the previous one while updating. */
  result: R | undefined;
  error: unknown;
  retry: () => void;
}

type View = ReportResult['view'];

/**
 * Runs a widget's report through the chart library's connected layer (`useReport`, React Query) with
 * the page's auto-refresh. While a new definition loads, the previous result stays on screen
 * (placeholderData), so the page never goes blank.
 */
export function useWidgetReport<V extends View>(
  definition: ReportDefinition,
  isEmpty: (result: ResultFor<V>) => boolean,
): WidgetReport<ResultFor<V>> {
  const { state: page } = useDashboard();
  const interval = refreshMs(page.refresh);
  const query = useReport(definition, interval ? { refetchInterval: interval } : {});
  // The definition's view decides the result's view; the API guarantees the pairing.
  const data = query.data as ResultFor<V> | undefined;
  const { error, isPlaceholderData } = query;
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
