/** Auto-refresh choices, and what each means for React Query's refetchInterval. */
export const REFRESH_OPTIONS = ['off', '30s', '1m', '5m'] as const;
export type RefreshInterval = (typeof REFRESH_OPTIONS)[number];

export const REFRESH_LABELS: Record<RefreshInterval, string> = {
  off: 'Off',
  '30s': 'Every 30 s',
  '1m': 'Every minute',
  '5m': 'Every 5 minutes',
};

const REFRESH_MS: Record<RefreshInterval, number | false> = {
  off: false,
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
