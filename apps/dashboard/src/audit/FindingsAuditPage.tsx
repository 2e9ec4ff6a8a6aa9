import { SightlineApiError, type FindingAuditEntry, DEFAULT_AUDIT_PAGE } from '@sightline/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useClient } from '../api/ApiProvider';
import { useCustomers } from '../api/useCustomers';
import { findingsHref, DEFAULT_FINDINGS_VIEW, FINDINGS_TITLE } from '../findings/findingsUrl';
import { FindingsLink } from '../findings/FindingsLink';
import { TYPE_LABELS } from '../findings/findingWords';
import { ErrorState } from '../layout/ErrorState';
import { NavLink } from '../layout/NavLink';
import { PageHeading } from '../layout/PageHeading';
import { Skeleton } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat, viewerLocale } from '../state/dateFormat';
import type { FindingsAuditFilter } from '../state/findingsAudit';
import { PRESET_LABELS } from '../state/timeRange';
import { AdminOnlyNotice } from './AdminOnlyNotice';
import { FindingsAuditFilters } from './FindingsAuditFilters';
import { changeText, findingsAuditRequest, muteText, shortId } from './findingsAuditText';
import './audit.css';
import { LoadOlderButton } from '../layout/LoadOlderButton';

const PAGE_SIZE = DEFAULT_AUDIT_PAGE;
const WHAT = 'The findings audit';

/**
 * Who changed which finding's status when, from what to what, and the mutes, newest first, for admin
 * tokens: the API's audit of every status change, for the customer the page reads; one finding's
 * whole history when the address names it (a finding's "History" link).
 */
export function FindingsAuditPage() {
  const client = useClient();
  const customers = useCustomers();
  const { state, update } = useDashboard();
  const filter = useMemo(() => state.auditFilter ?? {}, [state.auditFilter]);
  const request = useMemo(() => findingsAuditRequest(filter, state.time), [filter, state.time]);
  const query = useInfiniteQuery({
    // Outside the widgets' 'sightline' prefix: this page is not a report.
    queryKey: ['findings-audit', state.customer ?? '', request],
    queryFn: ({ pageParam, signal }) =>
      client.findingsAudit(
        { ...request, limit: PAGE_SIZE, ...(pageParam ? { after: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.next ?? undefined,
    // Only once the token is known to be an admin's (or the check failed and the API is to say).
    enabled: customers.kind === 'admin' || customers.kind === 'failed',
    retry: (count, error) => count < 1 && !(error instanceof SightlineApiError && error.status < 500),
  });
  const entries = query.data?.pages.flatMap((p) => p.entries) ?? [];
  const when = instantFormat(state.timeZone, { seconds: true });
  const locale = viewerLocale();
  const forbidden =
    customers.kind === 'own' || (query.error instanceof SightlineApiError && query.error.status === 403);
  const setFilter = (next: FindingsAuditFilter) => update((s) => ({ ...s, auditFilter: next }));
  const historyOf = (finding: string) => ({
    ...state,
    route: 'findingsAudit' as const,
    auditFilter: { finding },
  });
  const range = 'last' in state.time ? PRESET_LABELS[state.time.last].toLowerCase() : 'chosen range';

  return (
    <>
      <PageHeading title="Findings audit">
        <FindingsLink href={findingsHref(state, DEFAULT_FINDINGS_VIEW)}>
          Back to {FINDINGS_TITLE}
        </FindingsLink>
      </PageHeading>
      {forbidden ? (
        <AdminOnlyNotice what={WHAT} />
      ) : (
        <>
          <p className="sl-muted">
            Every change of a finding’s status, newest first: who made it (the token’s name), when, from what
            to what, and whether the pattern was muted for the user.
          </p>
          {filter.finding ? (
            <div className="sl-notice sl-notice--inline sl-audit__subject">
              <p>
                The whole history of finding <code title={filter.finding}>{shortId(filter.finding)}</code>
                {entries[0] ? ` (${TYPE_LABELS[entries[0].type]})` : ''}, whatever the time range.
              </p>
              <NavLink to={{ ...state, auditFilter: {} }}>Show every finding’s changes</NavLink>
            </div>
          ) : (
            <FindingsAuditFilters key={JSON.stringify(filter)} filter={filter} onChange={setFilter} />
          )}
          <section
            className="sl-widget sl-audit"
            data-widget="findings-audit"
            data-state={auditState(query)}
            aria-label="Status changes"
          >
            {query.isPending ? (
              <Skeleton height={240} label="Loading the findings audit" />
            ) : query.isError ? (
              <ErrorState error={query.error} onRetry={() => void query.refetch()} />
            ) : entries.length === 0 ? (
              <p className="sl-state">
                {filter.finding
                  ? 'Nobody has changed this finding’s status yet.'
                  : `No status changes in the ${range} match these filters.`}
              </p>
            ) : (
              <>
                <div
                  className="sl-audit__scroll"
                  tabIndex={0}
                  role="region"
                  aria-label="Status change entries"
                >
                  <table className="sl-audit__table">
                    <caption className="sl-visually-hidden">
                      Status changes, newest first ({entries.length.toLocaleString(locale)} shown)
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Changed by</th>
                        <th scope="col">Finding</th>
                        <th scope="col">User</th>
                        <th scope="col">Change</th>
                        <th scope="col">Mute</th>
                        <th scope="col">Note</th>
                      </tr>
                    </thead>
                    <tbody>
                      {entries.map((e: FindingAuditEntry) => (
                        <tr key={e.id} data-finding={e.finding} data-at={e.at} data-to={e.to}>
                          <td>
                            <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
                          </td>
                          <td>{e.token}</td>
                          <td>
                            {TYPE_LABELS[e.type]}{' '}
                            {filter.finding ? (
                              <code title={e.finding}>{shortId(e.finding)}</code>
                            ) : (
                              <NavLink
                                to={historyOf(e.finding)}
                                label={`${shortId(e.finding)}: history of finding ${e.finding}`}
                              >
                                <code>{shortId(e.finding)}</code>
                              </NavLink>
                            )}
                          </td>
                          <td>{e.user ?? '—'}</td>
                          <td>{changeText(e)}</td>
                          <td>{muteText(e)}</td>
                          <td className="sl-audit__note">{e.note ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <LoadOlderButton query={query} what={`${PAGE_SIZE} older changes`} />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

function auditState(query: { isPending: boolean; isError: boolean; isFetching: boolean }): string {
  if (query.isPending) return 'loading';
  if (query.isError) return 'error';
  return query.isFetching ? 'updating' : 'ready';
}
