import { startTransition, useEffect, useState } from 'react';

/**
 * The page's address as React state, read by every hook that derives state from the URL. Not a
 * `useSyncExternalStore`: React renders those updates in one blocking task, and a change that
 * re-renders every widget (a cross-filter from a chart) should render as a transition instead, in
 * slices that let the browser paint and answer input between them.
 */

/** Path and query of the page. */
export const currentHref = (): string => window.location.pathname + window.location.search;

/** Fired after our own pushState/replaceState, which (unlike back/forward) raise no popstate. */
const NAVIGATE_EVENT = 'sightline:navigate';

interface NavigateDetail {
  transition: boolean;
}

const readers = new Set<(href: string) => void>();

/** Every reader learns the new address in the same update, so no two parts of the page disagree. */
function publish(transition: boolean): void {
  const href = currentHref();
  const tell = () => {
    for (const read of readers) read(href);
  };
  if (transition) startTransition(tell);
  else tell();
}

const onPopState = () => publish(false);
const onNavigate = (event: Event) =>
  publish((event as CustomEvent<NavigateDetail | undefined>).detail?.transition === true);

/**
 * Tells the page's readers that our own code changed the address. `transition`: render the change
 * as a React transition; only for a change made by a button or a chart, never by a controlled
 * input, whose value React would otherwise restore until the transition commits.
 */
export function announceNavigation(transition = false): void {
  window.dispatchEvent(new CustomEvent<NavigateDetail>(NAVIGATE_EVENT, { detail: { transition } }));
}

/** The page's path and query, following pushState/replaceState through our code and back/forward. */
export function useHref(): string {
  const [href, setHref] = useState(currentHref);
  useEffect(() => {
    if (readers.size === 0) {
      window.addEventListener('popstate', onPopState);
      window.addEventListener(NAVIGATE_EVENT, onNavigate);
    }
    readers.add(setHref);
    // The address may have changed between this render and the subscription (as useSyncExternalStore
    // checks too); the same address is a no-op, so this renders again only when one was missed.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setHref(currentHref());
    return () => {
      readers.delete(setHref);
      if (readers.size === 0) {
        window.removeEventListener('popstate', onPopState);
        window.removeEventListener(NAVIGATE_EVENT, onNavigate);
      }
    };
  }, []);
  return href;
}
