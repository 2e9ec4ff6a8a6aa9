import { findingsOf, useFindings } from '@sightline/charts/connected';
import { DEFAULT_FINDING_SORT } from '@sightline/client';
import { useMemo } from 'react';
import { ErrorState } from '../layout/ErrorState';
import { PageHeading } from '../layout/PageHeading';
import { Skeleton } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { refreshMs } from '../state/refresh';
import { PRESET_LABELS } from '../state/timeRange';
import { FindingFilters } from './FindingFilters';
import { SORT_LABELS } from './findingWords';
import { FindingItem } from './FindingItem';
import { findingsRequests } from './findingsParams';
import { FindingsAuditLink } from './FindingsAuditLink';
import { FINDINGS_TITLE, type FindingsView } from './findingsUrl';
import './findings.css';

interface FindingsPageProps {
  view: FindingsView;
  onViewChange: (view: FindingsView) => void;
}

/** What detection found for the customer in the range: open findings first, each in the chosen order. */
export function FindingsPage({ view, onViewChange }: FindingsPageProps) {
  const { state } = useDashboard();
  const { time, refresh } = state;
  const requests = useMemo(() => findingsRequests(view, time), [view, time]);
  const interval = refreshMs(refresh);
  const options = interval ? { refetchInterval: interval } : {};
  const open = useFindings(requests.open ?? {}, { ...options, enabled: requests.open !== undefined });
  const reviewed = useFindings(requests.reviewed ?? {}, {
    ...options,
    enabled: requests.reviewed !== undefined,
  });

  const openMore = requests.open !== undefined && open.hasNextPage;
  const findings = [
    ...(requests.open ? findingsOf(open.data) : []),
    // The reviewed ones only after the last open one, so the order holds across pages.
    ...(requests.reviewed && !openMore ? findingsOf(reviewed.data) : []),
  ];
  const active = [requests.open && open, requests.reviewed && reviewed].filter((q) => !!q);
  const failed = active.find((q) => q.isError);
  const loading = active.some((q) => q.isPending);
  const more = openMore || (requests.reviewed !== undefined && reviewed.hasNextPage);
  const when = 'last' in time ? PRESET_LABELS[time.last].toLowerCase() : 'chosen range';

  return (
    <>
      <PageHeading title={FINDINGS_TITLE}>
        <FindingsAuditLink />
      </PageHeading>
      <div className="sl-findings">
        <aside aria-label="Finding filters">
          <FindingFilters view={view} onChange={onViewChange} />
        </aside>
        <section aria-labelledby="findings-list" className="sl-findings__list" aria-busy={loading}>
          <h2 id="findings-list" className="sl-visually-hidden">
            Findings, open first, ordered by {SORT_LABELS[view.sort ?? DEFAULT_FINDING_SORT].toLowerCase()}
          </h2>
          {failed ? (
            <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
          ) : loading ? (
            <Skeleton height={320} label="Loading findings" />
          ) : findings.length === 0 ? (
            <div className="sl-state" data-empty="findings">
              <p>No findings in the {when} match these filters.</p>
            </div>
          ) : (
            <>
              <ol className="sl-findings__items">
                {findings.map((finding) => (
                  <li key={finding.id}>
                    <FindingItem finding={finding} />
                  </li>
                ))}
              </ol>
              {more && (
                <button
                  type="button"
                  className="sl-button sl-button--quiet"
                  disabled={open.isFetchingNextPage || reviewed.isFetchingNextPage}
                  onClick={() => void (openMore ? open.fetchNextPage() : reviewed.fetchNextPage())}
                >
                  Show more findings
                </button>
              )}
            </>
          )}
        </section>
      </div>
    </>
  );
}
