import type { FindingAuditEntry, FindingAuditParams } from '@sightline/client';
import { STATUS_LABELS } from '../findings/findingWords';
import type { FindingsAuditFilter } from '../state/findingsAudit';
import { resolveTime, type TimeSelection } from '../state/timeRange';

/**
 * What the page asks the API for. One finding's history is whole, whatever the time range (a status
 * may have changed long before the finding's latest evidence); otherwise the page's range narrows it,
 * a relative one left open at the end so changes made after the page opened still show on refresh.
 */
export function findingsAuditRequest(
  filter: FindingsAuditFilter | undefined,
  time: TimeSelection,
  now = Date.now(),
): FindingAuditParams {
  const narrowed: FindingAuditParams = {
    ...(filter?.finding ? { finding: filter.finding } : {}),
    ...(filter?.user ? { user: filter.user } : {}),
    ...(filter?.changedBy ? { token: filter.changedBy } : {}),
  };
  if (filter?.finding) return narrowed;
  const range = resolveTime(time, now);
  return {
    ...narrowed,
    from: range.from.toISOString(),
    ...('last' in time ? {} : { to: range.to.toISOString() }),
  };
}

/** The change in words: "Open → Suspicious". */
export function changeText(entry: Pick<FindingAuditEntry, 'from' | 'to'>): string {
  return `${STATUS_LABELS[entry.from]} → ${STATUS_LABELS[entry.to]}`;
}

/** What the change did to the pattern's mute for the user, in words; empty when it left it alone. */
export function muteText(entry: Pick<FindingAuditEntry, 'mute' | 'user'>): string {
  if (entry.mute === null) return '';
  const whom = entry.user ? ` for ${entry.user}` : '';
  return entry.mute ? `Muted${whom}` : `Unmuted${whom}`;
}

/** A finding id short enough for a table cell; the whole id is the cell's title and in its link. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
