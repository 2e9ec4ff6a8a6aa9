import type { Freshness } from '@sightline/client';

/** "3 s", "4 min", "2 h", "12 days": how long ago, at the precision a glance needs. */
export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

const count = new Intl.NumberFormat('en-US');

export interface FreshnessView {
  /** What the toolbar shows: age of the newest record, and the lag when there is one. */
  text: string;
  stale: boolean;
  /** What a screen reader is told, only when it changes: stays the same while the ages tick. */
  announcement: string;
}

/**
 * The indicator's words for a freshness answer read `elapsedMs` ago: the ages move on with the clock
 * between polls, so the text keeps counting without asking the API every second.
 */
export function freshnessView(freshness: Freshness, elapsedMs: number): FreshnessView {
  const waiting =
    freshness.lag !== null && freshness.lag > 0 ? ` · ${count.format(freshness.lag)} waiting` : '';
  if (freshness.newestIngestedAgeMs === null)
    return {
      text: `No data yet${waiting}`,
      stale: freshness.stale,
      announcement: freshness.stale ? 'Data delayed' : '',
    };
  const age = formatAge(freshness.newestIngestedAgeMs + Math.max(0, elapsedMs));
  return freshness.stale
    ? { text: `Delayed: updated ${age} ago${waiting}`, stale: true, announcement: 'Data delayed' }
    : { text: `Updated ${age} ago${waiting}`, stale: false, announcement: '' };
}
