/**
 * Auto-refresh choices, and what each means for React Query's refetchInterval. Live is for watching
 * attempts arrive: every widget and the freshness indicator refetch every 5 s. A relative range goes
 * to the API as `last` and ends at the API's clock on each request (rounded up to the minute), so the
 * window moves with the clock and takes in a record stored a moment ago.
 */
export const REFRESH_OPTIONS = ['off', 'live', '30s', '1m', '5m'] as const;
export type RefreshInterval = (typeof REFRESH_OPTIONS)[number];

export const REFRESH_LABELS: Record<RefreshInterval, string> = {
  off: 'Off',
  live: 'Live (every 5 s)',
  '30s': 'Every 30 s',
  '1m': 'Every minute',
  '5m': 'Every 5 minutes',
};

const REFRESH_MS: Record<RefreshInterval, number | false> = {
  off: false,
  live: 5_000,
  '30s': 30_000,
  '1m': 60_000,
  '5m': 300_000,
};

export function isRefreshInterval(value: string): value is RefreshInterval {
  return (REFRESH_OPTIONS as readonly string[]).includes(value);
}

export function refreshMs(interval: RefreshInterval): number | false {
  return REFRESH_MS[interval];
}
