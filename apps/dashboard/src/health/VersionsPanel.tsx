import type { DataHealthVersions } from '@sightline/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useClient } from '../api/ApiProvider';
import { ErrorState } from '../layout/ErrorState';
import { Skeleton, Widget } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat, viewerLocale } from '../state/dateFormat';
import { healthRetry, panelState, Refusal } from './DataHealthPage';
import { percent, rangeOf } from './healthShape';

type Period = DataHealthVersions['periods'][number];

/** The versions of each month with their fingerprints and how each differs from the one in use. */
export function VersionsPanel() {
  const client = useClient();
  const { state } = useDashboard();
  const range = rangeOf(state.time);
  const query = useQuery({
    queryKey: ['data-health', 'versions', state.customer ?? '', range],
    queryFn: ({ signal }) => client.dataHealthVersions(range, { signal }),
    placeholderData: keepPreviousData,
    retry: healthRetry,
  });
  const versions = query.data;
  const t = versions?.thresholds;
  return (
    <Widget
      name="health-versions"
      title="Versions"
      description={
        t
          ? `Each month’s versions with their fingerprints, compared with the one in use as sightline switch does: past ±${percent(t.rowCountRelative)} rows, ±${t.resultSharePoints} points of a result’s share, ±${percent(t.countryEntropyRelative)} country entropy or a ${t.nullRateRisePoints}-point rise of an empty rate, a switch is refused.`
          : 'Each month’s versions with their fingerprints, compared with the one in use.'
      }
      state={panelState(query, versions !== undefined && versions.periods.length === 0)}
      className="sl-widget--wide"
    >
      {query.isPending ? (
        <Skeleton height={160} label="Loading the versions" />
      ) : query.isError ? (
        (Refusal({ error: query.error }) ?? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ))
      ) : !versions ? null : versions.periods.length === 0 ? (
        <p className="sl-state">No stored month in this range, and no month was rebuilt.</p>
      ) : (
        versions.periods.map((p) => <PeriodVersions key={p.period} period={p} timeZone={state.timeZone} />)
      )}
    </Widget>
  );
}

function PeriodVersions({ period: p, timeZone }: { period: Period; timeZone: string }) {
  const locale = viewerLocale();
  const n = (x: number) => x.toLocaleString(locale);
  const when = instantFormat(timeZone);
  return (
    <section className="sl-health__period" data-period={p.period} aria-labelledby={`period-${p.period}`}>
      <h3 id={`period-${p.period}`}>{p.period}</h3>
      <p className="sl-muted">
        In use: <strong>{p.inUse ?? 'none'}</strong>
        {p.lastSwitch &&
          `; last ${p.lastSwitch.kind} ${when.format(new Date(p.lastSwitch.at))} from ${p.lastSwitch.from}${p.lastSwitch.forced ? ` (forced: ${p.lastSwitch.reason ?? 'no reason'})` : ''}`}
      </p>
      <ul className="sl-health__versions">
        {p.versions.map((v) => {
          const f = v.fingerprint;
          return (
            <li key={v.version} data-version={v.version} data-in-use={v.inUse} data-refused={v.refused}>
              <p>
                <strong className="sl-health__version">{v.version}</strong>{' '}
                {v.inUse ? '(in use)' : `(${v.state})`}
                {v.refused && (
                  <span className="sl-health__verdict sl-health__verdict--fail">
                    {' '}
                    A switch would be refused
                  </span>
                )}
              </p>
              {f && (
                <p className="sl-health__fingerprint">
                  {n(f.rows)} rows, {n(f.distinctUsers)} users, {n(Object.keys(f.byCountry).length)} countries
                  (entropy {f.countryEntropy.toFixed(3)} bits); empty user {percent(f.nullRates.user)},
                  application {percent(f.nullRates.application)}, country {percent(f.nullRates.country)}
                </p>
              )}
              {v.differences &&
                (v.differences.length === 0 ? (
                  <p className="sl-muted">Same fingerprint as the version in use.</p>
                ) : (
                  <ul
                    className="sl-health__differences"
                    aria-label={`Differences of ${v.version} from the version in use`}
                  >
                    {v.differences.map((d) => (
                      <li
                        key={d.measure}
                        data-refuses={d.refuses}
                        className={d.refuses ? 'sl-health__past' : undefined}
                      >
                        {d.refuses && <strong>Past its threshold: </strong>}
                        {d.text}
                      </li>
                    ))}
                  </ul>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
