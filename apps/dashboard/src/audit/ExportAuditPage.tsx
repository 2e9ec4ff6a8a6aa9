import { SightlineApiError, DEFAULT_AUDIT_PAGE } from '@sightline/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useClient } from '../api/ApiProvider';
import { ErrorState } from '../layout/ErrorState';
import { PageHeading } from '../layout/PageHeading';
import { Skeleton } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat, viewerLocale } from '../state/dateFormat';
import { byteText, columnsText, outcomeText } from './auditText';
import './audit.css';
import { LoadOlderButton } from '../layout/LoadOlderButton';

const PAGE_SIZE = DEFAULT_AUDIT_PAGE;

/**
 * Who exported what and how it ended, newest first, for admin tokens: the API's audit of every export
 * request (the token's name, never its secret), for the customer the page reads.
 */
export function ExportAuditPage() {
  const client = useClient();
  const { state } = useDashboard();
  const query = useInfiniteQuery({
    // Outside the widgets' 'sightline' prefix: this page is not a report.
    queryKey: ['export-audit', state.customer ?? ''],
    queryFn: ({ pageParam, signal }) =>
      client.exportAudit({ limit: PAGE_SIZE, ...(pageParam ? { after: pageParam } : {}) }, { signal }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next ?? undefined,
    retry: (count, error) => count < 1 && !(error instanceof SightlineApiError && error.status < 500),
  });
  const entries = query.data?.pages.flatMap((p) => p.entries) ?? [];
  const when = instantFormat(state.timeZone, { seconds: true });
  const locale = viewerLocale();
  const forbidden = query.error instanceof SightlineApiError && query.error.status === 403;

  return (
    <>
      <PageHeading title="Export audit">
        <p className="sl-muted">
          Every export of the log, newest first: who asked (the token’s name), what, and how it ended.
        </p>
      </PageHeading>
      <section className="sl-widget sl-audit" data-widget="audit" data-state={auditState(query)}>
        {query.isPending ? (
          <Skeleton height={240} label="Loading the export audit" />
        ) : forbidden ? (
          <p role="alert">The export audit is for admin tokens; this token reads one customer.</p>
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : entries.length === 0 ? (
          <p className="sl-state">No exports yet.</p>
        ) : (
          <>
            <div className="sl-audit__scroll" tabIndex={0} role="region" aria-label="Export audit entries">
              <table className="sl-audit__table">
                <caption className="sl-visually-hidden">
                  Exports, newest first ({entries.length.toLocaleString(locale)} shown)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Token</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Format</th>
                    <th scope="col" className="sl-num">
                      Rows
                    </th>
                    <th scope="col" className="sl-num">
                      Size
                    </th>
                    <th scope="col" className="sl-num">
                      Took
                    </th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Period exported</th>
                    <th scope="col">Columns</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id} data-outcome={e.outcome} data-started={e.started_at}>
                      <td>{when.format(new Date(e.started_at))}</td>
                      <td>{e.token}</td>
                      <td>{e.customer}</td>
                      <td>{e.format.toUpperCase()}</td>
                      <td className="sl-num">{e.rows.toLocaleString(locale)}</td>
                      <td className="sl-num">{byteText(e.bytes, locale)}</td>
                      <td className="sl-num">{(e.duration_ms / 1000).toLocaleString(locale)} s</td>
                      <td>{outcomeText(e)}</td>
                      <td>
                        {e.time_from && e.time_to
                          ? instantFormat(state.timeZone).formatRange(
                              new Date(e.time_from),
                              new Date(e.time_to),
                            )
                          : ''}
                      </td>
                      <td>{columnsText(e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadOlderButton query={query} what={`${PAGE_SIZE} older exports`} />
          </>
        )}
      </section>
    </>
  );
}

function auditState(query: { isPending: boolean; isError: boolean; isFetching: boolean }): string {
  if (query.isPending) return 'loading';
  if (query.isError) return 'error';
  return query.isFetching ? 'updating' : 'ready';
}
