import { StackedAreaChart } from '@sightline/charts/stacked-area';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../api/ApiProvider';
import { colorsFor } from '@sightline/charts';
import { ErrorState } from '../layout/ErrorState';
import { Skeleton, Widget } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { viewerLocale } from '../state/dateFormat';
import { healthRetry, panelState, Refusal } from './DataHealthPage';
import {
  KIND_LABELS,
  LOAD_MEASURES,
  loadsChartData,
  MEASURE_LABELS,
  rangeOf,
  totalOf,
  type LoadMeasure,
} from './healthShape';

const HEIGHT = 260;

/** Loads over time from the load log: one measure stacked by loader, and the totals per stream. */
export function LoadsPanel() {
  const client = useClient();
  const { state } = useDashboard();
  const [measure, setMeasure] = useState<LoadMeasure>('read');
  const range = rangeOf(state.time);
  const query = useQuery({
    queryKey: ['data-health', 'loads', state.customer ?? '', range],
    queryFn: ({ signal }) => client.dataHealthLoads(range, { signal }),
    placeholderData: keepPreviousData,
    retry: healthRetry,
  });
  const loads = query.data;
  const locale = viewerLocale();
  const n = (x: number) => x.toLocaleString(locale);
  const empty = loads !== undefined && loads.kinds.length === 0;
  return (
    <Widget
      name="health-loads"
      title="Loads over time"
      description="Per hour the batches were committed, from the load log (firehose sink, MySQL batcher, file ingest); every customer’s records."
      state={panelState(query, empty)}
      className="sl-widget--wide"
      actions={
        <label className="sl-health__measure">
          Show{' '}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as LoadMeasure)}>
            {LOAD_MEASURES.map((m) => (
              <option key={m} value={m}>
                {MEASURE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {query.isPending ? (
        <Skeleton height={HEIGHT} label="Loading the loads" />
      ) : query.isError ? (
        (Refusal({ error: query.error }) ?? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ))
      ) : empty || !loads ? (
        <p className="sl-state">No loads were committed in this range.</p>
      ) : (
        <>
          <StackedAreaChart
            data={loadsChartData(loads, measure)}
            title={`${MEASURE_LABELS[measure]} per hour by loader`}
            valueName={MEASURE_LABELS[measure]}
            height={HEIGHT}
            timeZone={state.timeZone}
            locale={locale}
            interval={loads.bucketMs}
            colorOf={colorsFor('loader')}
          />
          <div className="sl-health__scroll" tabIndex={0} role="region" aria-label="Loads per source">
            <table className="sl-health__table" data-table="loads">
              <caption className="sl-visually-hidden">Loads per source in the range</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Loader</th>
                  {LOAD_MEASURES.map((m) => (
                    <th key={m} scope="col" className="sl-num">
                      {MEASURE_LABELS[m]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {loads.sources.map((s) => (
                  <tr key={s.stream} data-stream={s.stream}>
                    <th scope="row">{s.stream}</th>
                    <td>{KIND_LABELS[s.kind]}</td>
                    {LOAD_MEASURES.map((m) => (
                      <td key={m} className="sl-num">
                        {n(s.totals[m])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">
                    All sources
                    {loads.otherSources > 0 ? ` (${n(loads.otherSources)} more not listed)` : ''}
                  </th>
                  <td />
                  {LOAD_MEASURES.map((m) => (
                    <td key={m} className="sl-num">
                      {n(totalOf(loads)[m])}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </Widget>
  );
}
