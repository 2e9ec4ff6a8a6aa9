import { useId } from 'react';

/**
 * A per-instance id safe inside `url(#…)` and CSS selectors. React's `useId` is stable between
 * server and client render, so SVG references survive hydration.
 */
export function useChartId(prefix = 'sl'): string {
  return `${prefix}-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
}
