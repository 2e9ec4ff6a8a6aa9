import type { FilterableField } from '@sightline/schema';
import { NONE_KEY, OTHER_KEY, UNKNOWN_KEY } from '@sightline/schema/reports';
import { useCallback } from 'react';
import { useDashboard } from '../state/DashboardContext';
import { selectedValues, toggleValue } from '../state/filters';

/**
 * Click-to-filter for a chart grouped by `field`: toggles the value in the page filters (so every
 * widget follows) and tells the chart which key to draw selected.
 */
export function useCrossFilter(field: FilterableField) {
  const { state, update } = useDashboard();
  const selected = selectedValues(state.filters, 'is', field);
  const toggle = useCallback(
    (value: string) => {
      // "Other" is everything outside the top N, "None" and "Unknown" the records without a usable
      // value: not one value an "is" filter could name.
      if (value === OTHER_KEY || value === NONE_KEY || value === UNKNOWN_KEY) return;
      // Every widget re-renders for the new filter: as a transition, so the click's task stays short.
      update((s) => ({ ...s, filters: toggleValue(s.filters, field, value) }), { transition: true });
    },
    [field, update],
  );
  return { selectedKey: selected.length === 1 ? selected[0]! : null, toggle };
}
