import { useCallback, useMemo, useSyncExternalStore } from 'react';
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

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to a findings address; the popstate it raises tells every reader of the URL, ours and urlState's. */
export function navigateHref(href: string, { replace = false }: NavigateOptions = {}): void {
  if (href === snapshot()) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
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
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
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
