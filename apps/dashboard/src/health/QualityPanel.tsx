import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useClient } from '../api/ApiProvider';
import { ErrorState } from '../layout/ErrorState';
import { Skeleton, Widget } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat, viewerLocale } from '../state/dateFormat';
import { healthRetry, panelState, Refusal } from './DataHealthPage';
import { rangeOf } from './healthShape';

const STATUS_TEXT = { pass: 'Pass', warn: 'Warning', fail: 'Fail' } as const;

/** Each quality check's latest result, worst first; its history opens beneath it. */
export function QualityPanel() {
  const client = useClient();
  const { state } = useDashboard();
  const range = rangeOf(state.time);
  const query = useQuery({
    queryKey: ['data-health', 'quality', state.customer ?? '', range],
    queryFn: ({ signal }) => client.dataHealthQuality(range, { signal }),
    placeholderData: keepPreviousData,
    retry: healthRetry,
  });
  const quality = query.data;
  const when = instantFormat(state.timeZone);
  const locale = viewerLocale();
  const n = (x: number) => x.toLocaleString(locale);
  return (
    <Widget
      name="health-quality"
      title="Quality checks"
      description="The latest result of every check run in the range (sightline quality), worst first; open one for its history."
      state={panelState(query, quality !== undefined && quality.checks.length === 0)}
      className="sl-widget--wide"
    >
      {query.isPending ? (
        <Skeleton height={160} label="Loading the quality checks" />
      ) : query.isError ? (
        (Refusal({ error: query.error }) ?? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ))
      ) : !quality ? null : quality.checks.length === 0 ? (
        <p className="sl-state">No quality check ran in this range.</p>
      ) : (
        <>
          <p className="sl-health__counts">
            {n(quality.counts.fail)} failing, {n(quality.counts.warn)} warning, {n(quality.counts.pass)}{' '}
            passing
            {quality.truncated ? ' (more checks than listed: choose one customer to narrow)' : ''}.
          </p>
          <ul className="sl-health__checks">
            {quality.checks.map((c) => (
              <li
                key={`${c.check}|${c.source}|${c.subject}`}
                data-check={c.check}
                data-source={c.source}
                data-status={c.status}
              >
                <details>
                  <summary>
                    <span className={`sl-health__verdict sl-health__verdict--${c.status}`}>
                      {STATUS_TEXT[c.status]}
                    </span>{' '}
                    <strong>{c.check.replaceAll('_', ' ')}</strong> · {c.source} · {c.subject}:{' '}
                    {n(c.measured)} (threshold {n(c.threshold)})
                  </summary>
                  <p className="sl-muted">
                    {c.severity === 'critical' ? 'Critical' : 'Warning'} severity; policy:{' '}
                    {c.policy === 'pause' ? 'pause the source' : 'warn'}; counts {c.kind} faults. {c.detail}.
                    Latest at {when.format(new Date(c.at))}.
                  </p>
                  <table className="sl-health__table sl-health__history">
                    <caption className="sl-visually-hidden">
                      History of {c.check} on {c.source}, newest first
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Status</th>
                        <th scope="col" className="sl-num">
                          Measured
                        </th>
                        <th scope="col" className="sl-num">
                          Threshold
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.history.map((h) => (
                        <tr key={h.at} data-status={h.status}>
                          <td>{when.format(new Date(h.at))}</td>
                          <td>{STATUS_TEXT[h.status]}</td>
                          <td className="sl-num">{n(h.measured)}</td>
                          <td className="sl-num">{n(h.threshold)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </Widget>
  );
}
