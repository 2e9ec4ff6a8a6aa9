import { useFindingStatus } from '@sightline/charts/connected';
import type { SettableStatus, StoredFinding } from '@sightline/client';
import { useId, useState } from 'react';
import { describeError } from '../api/errors';
import { NavLink } from '../layout/NavLink';
import { EntityLink } from '../entity/EntityLink';
import { useDashboard } from '../state/DashboardContext';
import { formatInstant } from '../state/zonedTime';
import { evidenceLinkText, evidenceLogState } from './evidenceLink';
import { FindingsAuditLink } from './FindingsAuditLink';
import { SEVERITY_LABELS, STATUS_LABELS, TYPE_LABELS } from './findingWords';

const DONE: Record<SettableStatus, string> = {
  open: 'Reopened.',
  suspicious: 'Marked suspicious.',
  dismissed: 'Dismissed.',
};

/**
 * One finding: what, how severe (in words, beside the colour), why, about whom, when, and what the
 * admin can do about it. A status change shows at once; a refusal puts the old status back and says why.
 */
export function FindingItem({ finding }: { finding: StoredFinding }) {
  const { state } = useDashboard();
  const id = useId();
  const change = useFindingStatus();
  const [mute, setMute] = useState(false);
  const [done, setDone] = useState('');
  const zone = state.timeZone;

  const set = (status: SettableStatus) => {
    setDone('');
    const muting = status === 'dismissed' && mute && finding.user !== null;
    change.mutate(
      { id: finding.id, change: { status, ...(muting ? { mute: true } : {}) } },
      {
        onSuccess: ({ muted }) =>
          setDone(
            muting && muted
              ? `Dismissed; ${TYPE_LABELS[finding.type].toLowerCase()} is muted for ${finding.user}.`
              : DONE[status],
          ),
      },
    );
  };
  const error = change.isError ? describeError(change.error) : undefined;

  return (
    <article
      className={`sl-finding sl-finding--${finding.severity}`}
      aria-labelledby={`${id}-title`}
      data-finding={finding.id}
      data-status={finding.status}
    >
      <header className="sl-finding__header">
        <h3 id={`${id}-title`} className="sl-finding__title">
          {TYPE_LABELS[finding.type]}
        </h3>
        <span className="sl-finding__severity" data-severity={finding.severity}>
          {SEVERITY_LABELS[finding.severity]} severity
        </span>
        <span className="sl-finding__status" data-status={finding.status}>
          {STATUS_LABELS[finding.status]}
        </span>
      </header>
      <p className="sl-finding__reason">{finding.reason}</p>
      <dl className="sl-finding__facts">
        {finding.user !== null && (
          <div>
            <dt>User</dt>
            <dd>
              <EntityLink field="user.name" value={finding.user} />
            </dd>
          </div>
        )}
        {finding.address !== null && (
          <div>
            <dt>Address</dt>
            <dd>
              <EntityLink field="access_device.ip" value={finding.address} />
            </dd>
          </div>
        )}
        <div>
          <dt>First seen</dt>
          <dd>
            <time dateTime={finding.firstSeen}>{formatInstant(new Date(finding.firstSeen), zone)}</time>
          </dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>
            <time dateTime={finding.lastSeen}>{formatInstant(new Date(finding.lastSeen), zone)}</time>
          </dd>
        </div>
      </dl>
      <div className="sl-finding__actions">
        <NavLink to={evidenceLogState(state, finding)} className="sl-finding__evidence">
          {evidenceLinkText(finding)}
        </NavLink>
        <FindingsAuditLink finding={finding.id} className="sl-finding__evidence" />
        {finding.status !== 'suspicious' && (
          <button
            type="button"
            className="sl-button"
            disabled={change.isPending}
            onClick={() => set('suspicious')}
          >
            Mark suspicious
          </button>
        )}
        {finding.status !== 'dismissed' && (
          <button
            type="button"
            className="sl-button sl-button--quiet"
            disabled={change.isPending}
            onClick={() => set('dismissed')}
          >
            Dismiss
          </button>
        )}
        {finding.status !== 'dismissed' && finding.user !== null && (
          <label className="sl-findings__check">
            <input type="checkbox" checked={mute} onChange={(e) => setMute(e.target.checked)} />
            and mute this pattern for {finding.user}
          </label>
        )}
        {finding.status !== 'open' && (
          <button
            type="button"
            className="sl-button sl-button--quiet"
            disabled={change.isPending}
            onClick={() => set('open')}
          >
            Reopen
          </button>
        )}
      </div>
      <p role="status" className="sl-finding__done">
        {done}
      </p>
      {error && (
        <div className="sl-state sl-state--error" role="alert">
          <p>
            <strong>The status was not changed.</strong> {error.title}: {error.message}
          </p>
        </div>
      )}
    </article>
  );
}
