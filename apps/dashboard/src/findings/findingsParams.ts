import { DEFAULT_FINDING_SORT, type FindingParams, type FindingStatus } from '@sightline/client';
import { resolveTime, type TimeSelection } from '../state/timeRange';
import type { FindingsView } from './findingsUrl';

/** Statuses listed after the open ones when the reader picked none: every status but muted. */
const REVIEWED: FindingStatus[] = ['suspicious', 'dismissed'];

/**
 * The two requests behind the list, open findings first and the rest after, each in the view's order; a
 * list the view rules out is undefined. A relative range has no end, so findings raised after the
 * page opened are still in it on refresh.
 */
export function findingsRequests(
  view: FindingsView,
  time: TimeSelection,
  now = Date.now(),
): { open: FindingParams | undefined; reviewed: FindingParams | undefined } {
  const range = resolveTime(time, now);
  const base: FindingParams = {
    from: range.from.toISOString(),
    ...('last' in time ? {} : { to: range.to.toISOString() }),
    ...(view.types.length > 0 ? { type: view.types } : {}),
    ...(view.minSeverity ? { severity: view.minSeverity } : {}),
    ...(view.sort && view.sort !== DEFAULT_FINDING_SORT ? { sort: view.sort } : {}),
  };
  const wantsOpen = view.statuses.length === 0 || view.statuses.includes('open');
  const others = view.statuses.length === 0 ? REVIEWED : view.statuses.filter((s) => s !== 'open');
  return {
    open: wantsOpen ? { ...base, status: ['open'] } : undefined,
    reviewed: others.length > 0 ? { ...base, status: others } : undefined,
  };
}
