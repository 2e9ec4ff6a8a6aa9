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
  const decoded = useMemo(() => decodeFindingsHref(href), [href]);

  // Changes build on the address as it is now, not as last rendered (see useDashboardState).
  const update = useCallback<UpdateState>((next, options) => {
    const now = decodeFindingsHref(currentHref());
    if (!now) return;
    const state = typeof next === 'function' ? next(now.state) : next;
    if (state.route !== now.state.route) navigateTo(state, options);
    else navigateHref(findingsHref(state, now.view), options);
  }, []);
  const setView = useCallback((view: FindingsView, options?: NavigateOptions) => {
    const now = decodeFindingsHref(currentHref());
    if (now) navigateHref(findingsHref(now.state, view), options);
  }, []);
  return decoded && { ...decoded, update, setView };
}

function decodeFindingsHref(href: string) {
  const url = new URL(href, window.location.origin);
  if (!isFindingsPath(url.pathname)) return null;
  const shared = decodeState('/', sharedSearch(url.search), browserTimeZone);
  const own = decodeFindingsView(url.search);
  return { state: shared.state, issues: [...shared.issues, ...own.issues], view: own.view };
}
