import { SightlineApiError, DEFAULT_AUDIT_PAGE } from '@sightline/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useClient } from '../api/ApiProvider';
import { shortId } from '../audit/findingsAuditText';
import { SEVERITY_LABELS } from '../findings/findingWords';
import { ErrorState } from '../layout/ErrorState';
import { NavLink } from '../layout/NavLink';
import { Skeleton } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat, viewerLocale } from '../state/dateFormat';
import { deliveryRows, EVENT_LABELS } from './deliveryRows';
import { LoadOlderButton } from '../layout/LoadOlderButton';

const PAGE_SIZE = DEFAULT_AUDIT_PAGE;

/** The query key of the delivery audit, for the page to refresh it after a test send. */
export const deliveriesKey = (customer: string | undefined) => ['alert-deliveries', customer ?? ''];

/** Every delivery to the customer's webhook and each of its attempts, newest first, paged by the API. */
export function DeliveryAudit() {
  const client = useClient();
  const { state } = useDashboard();
  const query = useInfiniteQuery({
    queryKey: deliveriesKey(state.customer),
    queryFn: ({ pageParam, signal }) =>
      client.webhookDeliveries(
        { pageSize: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: (count, error) => count < 1 && !(error instanceof SightlineApiError && error.status < 500),
  });
  const rows = deliveryRows(query.data?.pages.flatMap((p) => p.deliveries) ?? []);
  const when = instantFormat(state.timeZone, { seconds: true });
  const locale = viewerLocale();
  const time = (iso: string) => <time dateTime={iso}>{when.format(new Date(iso))}</time>;

  return (
    <section
      className="sl-widget sl-audit"
      data-widget="alert-deliveries"
      data-state={
        query.isPending ? 'loading' : query.isError ? 'error' : query.isFetching ? 'updating' : 'ready'
      }
      aria-labelledby="sl-alerts-deliveries"
    >
      <h2 id="sl-alerts-deliveries" className="sl-alerts__h2">
        Delivery audit
      </h2>
      {query.isPending ? (
        <Skeleton height={200} label="Loading the delivery audit" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <p className="sl-state">
          Nothing sent yet. A test, or the next finding at the chosen severity, appears here.
        </p>
      ) : (
        <>
          <div className="sl-audit__scroll" tabIndex={0} role="region" aria-label="Delivery attempts">
            <table className="sl-audit__table">
              <caption className="sl-visually-hidden">
                Delivery attempts, newest first ({rows.length.toLocaleString(locale)} shown)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Finding</th>
                  <th scope="col" className="sl-num">
                    Attempt
                  </th>
                  <th scope="col" className="sl-num">
                    HTTP status
                  </th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Next retry</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.key}
                    data-delivery={r.deliveryId}
                    data-event={r.event}
                    data-outcome={r.outcomeKind}
                  >
                    <td>{time(r.at)}</td>
                    <td>
                      {r.findingId ? (
                        <>
                          {EVENT_LABELS[r.event]}
                          {r.severity ? ` (${SEVERITY_LABELS[r.severity].toLowerCase()})` : ''}:{' '}
                          <NavLink
                            to={{ ...state, route: 'findingsAudit', auditFilter: { finding: r.findingId } }}
                            label={`${shortId(r.findingId)}: history of finding ${r.findingId}`}
                          >
                            <code>{shortId(r.findingId)}</code>
                          </NavLink>
                        </>
                      ) : (
                        EVENT_LABELS[r.event]
                      )}
                    </td>
                    <td className="sl-num">{r.attempt ?? '—'}</td>
                    <td className="sl-num">{r.statusCode ?? (r.attempt === null ? '—' : 'none')}</td>
                    <td>{r.outcome}</td>
                    <td>{r.nextRetry ? time(r.nextRetry) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadOlderButton query={query} what={`${PAGE_SIZE} older deliveries`} />
        </>
      )}
    </section>
  );
}
