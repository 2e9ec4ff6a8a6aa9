import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useClient } from '../api/ApiProvider';
import { ErrorState } from '../layout/ErrorState';
import { Skeleton, Widget } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat, viewerLocale } from '../state/dateFormat';
import { healthRetry, panelState, Refusal } from './DataHealthPage';
import { ageText, KIND_LABELS, rangeOf } from './healthShape';

const STATUS_TEXT = { ok: 'OK', lagging: 'Lagging', stalled: 'Stalled' } as const;

/**
 * Each source's last batch, newest event and ingestion, the freshness check's verdict, its lag, and
 * whether a failing check holds it (with the command that resumes it).
 */
export function SourcesPanel() {
  const client = useClient();
  const { state } = useDashboard();
  const range = rangeOf(state.time);
  const query = useQuery({
    queryKey: ['data-health', 'sources', state.customer ?? '', range],
    queryFn: ({ signal }) => client.dataHealthSources(range, { signal }),
    placeholderData: keepPreviousData,
    retry: healthRetry,
  });
  const health = query.data;
  const when = instantFormat(state.timeZone);
  const locale = viewerLocale();
  const at = (iso: string | null, age: number | null) =>
    iso === null ? 'never' : `${when.format(new Date(iso))} (${ageText(age)} ago)`;
  return (
    <Widget
      name="health-sources"
      title="Sources"
      description="Every stream that loaded in the range or in the freshness check’s look-back."
      state={panelState(query, health !== undefined && health.sources.length === 0)}
      className="sl-widget--wide"
    >
      {query.isPending ? (
        <Skeleton height={160} label="Loading the sources" />
      ) : query.isError ? (
        (Refusal({ error: query.error }) ?? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ))
      ) : !health ? null : (
        <>
          <p className="sl-health__status" data-status={health.status}>
            Pipeline: <strong>{STATUS_TEXT[health.status]}</strong>
            {health.reasons.length > 0 && `: ${health.reasons.join('; ')}`}.{' '}
            {health.lagAvailable
              ? `Dead letters: ${(health.deadLetters ?? 0).toLocaleString(locale)}.`
              : `Lag unknown: ${health.lagUnavailable ?? 'not reported'}.`}{' '}
            Newest record stored{state.customer ? ` for ${state.customer}` : ''}:{' '}
            {at(health.freshness.newestEventAt, health.freshness.newestEventAgeMs)}.
          </p>
          {health.paused.length > 0 && (
            <div className="sl-health__paused" role="status" data-paused={health.paused.length}>
              <p>
                <strong>
                  {health.paused.length === 1 ? 'One source is' : `${health.paused.length} sources are`}{' '}
                  paused
                </strong>
                : its loader reads nothing until resumed, and no row is lost meanwhile.
              </p>
              <ul>
                {health.paused.map((p) => (
                  <li key={p.source} data-source={p.source}>
                    <strong>{p.source}</strong> since{' '}
                    {at(p.since, Date.parse(health.checkedAt) - Date.parse(p.since))},{' '}
                    {p.check ? `by the ${p.check} check` : `by ${p.by}`}: {p.reason}. Resume with{' '}
                    <code>sightline quality resume {p.source} --reason "…"</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {health.sources.length === 0 ? (
            <p className="sl-state">No source loaded anything in this range or the freshness look-back.</p>
          ) : (
            <div className="sl-health__scroll" tabIndex={0} role="region" aria-label="Sources table">
              <table className="sl-health__table" data-table="sources">
                <caption className="sl-visually-hidden">
                  Sources with their freshness (stale past {ageText(health.freshnessMs)}) and lag
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">Loader</th>
                    <th scope="col">Freshness</th>
                    <th scope="col">Newest event</th>
                    <th scope="col">Newest ingested</th>
                    <th scope="col">Last batch</th>
                    <th scope="col">Position</th>
                    <th scope="col" className="sl-num">
                      Lag
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {health.sources.map((s) => (
                    <tr key={s.stream} data-stream={s.stream} data-freshness={s.freshness}>
                      <th scope="row">
                        {s.stream}
                        {s.paused && (
                          <>
                            {' '}
                            <span
                              className="sl-health__verdict sl-health__verdict--fail"
                              title={`Paused: ${s.paused.reason}`}
                            >
                              Paused
                            </span>
                          </>
                        )}
                      </th>
                      <td>{KIND_LABELS[s.kind]}</td>
                      <td>
                        <span className={`sl-health__verdict sl-health__verdict--${s.freshness}`}>
                          {s.freshness === 'pass' ? 'Fresh' : 'Stale'}
                        </span>
                      </td>
                      <td>{at(s.newestEventAt, s.newestEventAgeMs)}</td>
                      <td>{at(s.newestIngestedAt, s.newestIngestedAgeMs)}</td>
                      <td>{at(s.lastBatchAt, s.lastBatchAgeMs)}</td>
                      <td>{s.position}</td>
                      <td className="sl-num">{s.lag === null ? '—' : s.lag.toLocaleString(locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Widget>
  );
}
