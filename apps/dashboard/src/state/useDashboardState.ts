import { useCallback, useMemo } from 'react';
import { announceNavigation, currentHref, useHref } from './location';
import { browserTimeZone } from './timeRange';
import { decodeState, encodeState, type DashboardState, type DecodedState } from './urlState';

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (typing, dragging). */
  replace?: boolean;
  /**
   * Render the new state as a React transition, in slices that yield to the browser: for a change
   * that re-renders every widget from a button or a chart (a cross-filter), never from a controlled
   * input (see location.ts).
   */
  transition?: boolean;
}

export type UpdateState = (
  next: DashboardState | ((current: DashboardState) => DashboardState),
  options?: NavigateOptions,
) => void;

/** Writes a state to the URL; a no-op when the URL already says the same. */
export function navigateTo(
  state: DashboardState,
  { replace = false, transition = false }: NavigateOptions = {},
): void {
  const href = encodeState(state);
  if (href === currentHref()) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', href);
  announceNavigation(transition);
}

/**
 * The page-wide state, read from and written to the URL. There is no other copy of it: every
 * widget derives its report definition from this, so back/forward and reload just work.
 */
export function useDashboardState(): DecodedState & { update: UpdateState } {
  const href = useHref();
  const decoded = useMemo(() => decodeHref(href), [href]);
  // From the address as it is now, not as last rendered: while a cross-filter still renders (a
  // transition), a second change must build on the first rather than undo it.
  const update = useCallback<UpdateState>(
    (next, options) =>
      navigateTo(typeof next === 'function' ? next(decodeHref(currentHref()).state) : next, options),
    [],
  );
  return { ...decoded, update };
}

function decodeHref(href: string): DecodedState {
  const url = new URL(href, window.location.origin);
  return decodeState(url.pathname, url.search, browserTimeZone);
}
