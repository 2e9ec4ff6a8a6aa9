import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { browserTimeZone } from './timeRange';
import { decodeState, encodeState, type DashboardState, type DecodedState } from './urlState';

/** Fired after our own pushState/replaceState, which (unlike back/forward) raise no popstate. */
const NAVIGATE_EVENT = 'sightline:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (typing, dragging). */
  replace?: boolean;
}

export type UpdateState = (
  next: DashboardState | ((current: DashboardState) => DashboardState),
  options?: NavigateOptions,
) => void;

/** Writes a state to the URL; a no-op when the URL already says the same. */
export function navigateTo(state: DashboardState, { replace = false }: NavigateOptions = {}): void {
  const href = encodeState(state);
  if (href === snapshot()) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * The page-wide state, read from and written to the URL. There is no other copy of it: every
 * widget derives its report definition from this, so back/forward and reload just work.
 */
export function useDashboardState(): DecodedState & { update: UpdateState } {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const decoded = useMemo(() => {
    const url = new URL(href, window.location.origin);
    return decodeState(url.pathname, url.search, browserTimeZone);
  }, [href]);
  const { state } = decoded;
  const update = useCallback<UpdateState>(
    (next, options) => navigateTo(typeof next === 'function' ? next(state) : next, options),
    [state],
  );
  return { ...decoded, update };
}
