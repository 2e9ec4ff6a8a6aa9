import './findings.css';
import { findingsOf, useFindings } from '@sightline/charts/connected';
import { SEVERITIES, type StoredFinding } from '@sightline/client';
import { useMemo } from 'react';
import { NavLink } from '../layout/NavLink';
import { useDashboard } from '../state/DashboardContext';
import { refreshMs } from '../state/refresh';
import { evidenceLinkText, evidenceLogState } from './evidenceLink';
import { FindingsLink } from './FindingsLink';
import { findingsRequests } from './findingsParams';
import { findingsHref } from './findingsUrl';
import { SEVERITY_LABELS, TYPE_LABELS } from './findingWords';

/** How many open findings the card lists; the rest are a click away. */
const SHOWN = 3;
/** The open findings read to pick the most severe from (the newest this many). */
const READ = 50;

/** Most severe first, then by score, then newest. */
function mostSevere(findings: readonly StoredFinding[]): StoredFinding[] {
  const rank = (f: StoredFinding) => SEVERITIES.indexOf(f.severity);
  return [...findings].sort((a, b) => rank(b) - rank(a) || b.score - a.score).slice(0, SHOWN);
}

/**
 * The open findings of the period, the most severe first, for the overview's "Out of the ordinary"
 * card: each opens its evidence in the log, and the whole list is on the Findings page. Nothing at
 * all while there are none, or while they load, so the card reads as before.
 */
export function OpenFindings() {
  const { state } = useDashboard();
  const { time, refresh } = state;
  const params = useMemo(() => {
    const { open } = findingsRequests({ types: [], statuses: ['open'], minSeverity: undefined }, time);
    return { ...open, pageSize: READ };
  }, [time]);
  const interval = refreshMs(refresh);
  const query = useFindings(params, interval ? { refetchInterval: interval } : {});
  const findings = findingsOf(query.data);
  if (findings.length === 0) return null;
  const total = query.hasNextPage ? `${findings.length}+` : String(findings.length);
  const href = findingsHref(state, { types: [], statuses: ['open'], minSeverity: undefined });

  return (
    <div className="sl-open-findings" data-open-findings>
      <h3 className="sl-open-findings__title">Open findings</h3>
      <ul>
        {mostSevere(findings).map((finding) => (
          <li key={finding.id}>
            <span className="sl-finding__severity" data-severity={finding.severity}>
              {SEVERITY_LABELS[finding.severity]}
            </span>{' '}
            <strong>{TYPE_LABELS[finding.type]}</strong>
            {finding.user !== null && <> · {finding.user}</>}: {finding.reason}.{' '}
            <NavLink to={evidenceLogState(state, finding)}>{evidenceLinkText(finding)}</NavLink>
          </li>
        ))}
      </ul>
      <FindingsLink href={href}>All {total} open findings</FindingsLink>
    </div>
  );
}
