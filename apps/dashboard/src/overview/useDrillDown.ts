import { useCallback } from 'react';
import { useDashboard } from '../state/DashboardContext';
import { drillDown, type DrillTarget } from '../state/drillDown';
import { navigateTo } from '../state/useDashboardState';
import type { DashboardState } from '../state/urlState';
import { widgetOwnFilter, type OverviewWidget } from './overviewReports';

/**
 * Drill-down from a widget's chart element to the log rows behind it: `open` goes there (a click or
 * Enter on a slice, band or country), `linkTo` is the view for a link (a ranked row), undefined for an
 * element that stands for no single value.
 */
export function useDrillDown(widget: OverviewWidget) {
  const { state } = useDashboard();
  const linkTo = useCallback(
    (target: Omit<DrillTarget, 'own'>): DashboardState | undefined => {
      const own = widgetOwnFilter(widget);
      return drillDown(state, own ? { ...target, own } : target);
    },
    [state, widget],
  );
  const open = useCallback(
    (target: Omit<DrillTarget, 'own'>) => {
      const next = linkTo(target);
      if (next) navigateTo(next);
    },
    [linkTo],
  );
  return { open, linkTo };
}
