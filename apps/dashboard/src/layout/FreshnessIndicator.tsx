import { useEffect, useRef, useState } from 'react';
import { useFreshness } from '../api/useFreshness';
import type { RefreshInterval } from '../state/refresh';
import { freshnessView } from './freshnessText';
import './freshness.css';

const DELAYED = 'Data delayed: new records are waiting to be stored.';
const CAUGHT_UP = 'Data caught up.';

/** Re-renders every `ms`, so relative times keep counting between polls. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * How recent the data on screen can be: the age of the newest stored record and, when the pipeline
 * has records waiting, how many. Stale data reads "Delayed" with a warning sign, not colour alone. A
 * screen reader hears only when the data becomes delayed or catches up, never the ticking age.
 */
export function FreshnessIndicator({ refresh }: { refresh: RefreshInterval }) {
  const query = useFreshness(refresh);
  const now = useNow(1000);
  const view = query.data ? freshnessView(query.data, now - query.dataUpdatedAt) : null;
  const stale = view?.stale ?? false;
  const [announcement, setAnnouncement] = useState('');
  const wasStale = useRef(false);
  useEffect(() => {
    if (stale === wasStale.current) return;
    wasStale.current = stale;
    setAnnouncement(stale ? DELAYED : CAUGHT_UP);
  }, [stale]);

  const text = view ? view.text : query.isError ? 'Freshness unknown' : '';
  return (
    <div className={stale ? 'sl-freshness sl-freshness--stale' : 'sl-freshness'}>
      {stale && (
        <span className="sl-freshness__sign" aria-hidden="true">
          ⚠
        </span>
      )}
      <span className="sl-freshness__text">{text}</span>
      <span className="sl-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
