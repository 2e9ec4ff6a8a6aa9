import { useCallback, useMemo } from 'react';
import { announceNavigation, currentHref, useHref } from '../state/location';
import { browserTimeZone } from '../state/timeRange';
import { navigateTo, type NavigateOptions, type UpdateState } from '../state/useDashboardState';
import { decodeState, type DashboardState } from '../state/urlState';
import {
  decodeFindingsView,
  findingsHref,
  isFindingsPath,
  sharedSearch,
  type FindingsView,
} from './findingsUrl';

/** Goes to a findings address and tells every reader of the URL, ours and urlState's. */
export function navigateHref(href: string, { replace = false }: NavigateOptions = {}): void {
  if (href === currentHref()) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', href);
  announceNavigation();
}

export interface FindingsLocation {
  /** The page-wide state, as urlState reads the shared parameters. */
  state: DashboardState;
  issues: string[];
  view: FindingsView;
  /** Changes the page-wide state and stays on the Findings page (another route leaves it). */
  update: UpdateState;
  setView: (view: FindingsView, options?: NavigateOptions) => void;
}

/** The Findings page's state when the URL is on it, otherwise null. */
export function useFindingsLocation(): FindingsLocation | null {
  const href = useHref();
  const decoded = useMemo(() => {
    const url = new URL(href, window.location.origin);
    if (!isFindingsPath(url.pathname)) return null;
    const shared = decodeState('/', sharedSearch(url.search), browserTimeZone);
    const own = decodeFindingsView(url.search);
    return { state: shared.state, issues: [...shared.issues, ...own.issues], view: own.view };
  }, [href]);

  const update = useCallback<UpdateState>(
    (next, options) => {
      if (!decoded) return;
      const state = typeof next === 'function' ? next(decoded.state) : next;
      if (state.route !== decoded.state.route) navigateTo(state, options);
      else navigateHref(findingsHref(state, decoded.view), options);
    },
    [decoded],
  );
  const setView = useCallback(
    (view: FindingsView, options?: NavigateOptions) => {
      if (decoded) navigateHref(findingsHref(decoded.state, view), options);
    },
    [decoded],
  );
  return decoded && { ...decoded, update, setView };
}
