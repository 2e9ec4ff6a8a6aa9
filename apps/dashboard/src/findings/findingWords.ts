import type { FindingSort, FindingStatus, FindingType, Severity } from '@sightline/client';

/** What each detector's findings are called on screen. */
export const TYPE_LABELS: Record<FindingType, string> = {
  impossible_travel: 'Impossible travel',
  push_fatigue: 'Push fatigue',
  push_spray: 'Push spray',
  brute_force: 'Passcode guessing',
  first_seen: 'First seen for this user',
  volume_anomaly: 'Unusual volume',
  source_risk: 'Flagged by Duo',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** The list's orders, as the sort control names them. */
export const SORT_LABELS: Record<FindingSort, string> = {
  last_seen: 'Newest activity',
  first_seen: 'Newest first seen',
  severity: 'Most severe',
};

export const STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  suspicious: 'Suspicious',
  dismissed: 'Dismissed',
  muted: 'Muted',
};
