import type { StoredFinding } from '@sightline/client';
import { fixedRange } from '../state/timeRange';
import type { DashboardState } from '../state/urlState';

/**
 * The log page showing exactly a finding's evidence: its txids as the only filter, over the span from
 * its first to its last evidence (the end is exclusive in the log, hence one millisecond more).
 */
export function evidenceLogState(state: DashboardState, finding: StoredFinding): DashboardState {
  const from = new Date(finding.firstSeen);
  const to = new Date(Date.parse(finding.lastSeen) + 1);
  const time = fixedRange(from, to) ?? state.time;
  return {
    ...state,
    route: 'log',
    time,
    filters: [{ kind: 'is', field: 'txid', values: [...finding.evidence] }],
  };
}

/** "Show the 9 attempts", or, when the evidence kept is capped, how many of how many. */
export function evidenceLinkText(finding: Pick<StoredFinding, 'evidence' | 'evidenceCount'>): string {
  const shown = finding.evidence.length;
  const noun = shown === 1 ? 'attempt' : 'attempts';
  if (finding.evidenceCount > shown) return `Show ${shown} of the ${finding.evidenceCount} attempts`;
  return shown === 1 ? 'Show the attempt' : `Show the ${shown} ${noun}`;
}
