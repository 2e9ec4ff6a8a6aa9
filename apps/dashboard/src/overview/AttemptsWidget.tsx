import type { ReportDefinition, TimeseriesResult } from '@sightline/query-api/reports';
import { StackedAreaChart } from '@sightline/charts/stacked-area';
import { viewerLocale } from '../state/dateFormat';
import { colorsFor } from '../charts/keyColors';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useDashboard } from '../state/DashboardContext';
import { fixedRange } from '../state/timeRange';
import { intervalMs } from './intervalMs';
import { useCrossFilter } from './useCrossFilter';

const HEIGHT = 280;

/**
 * Attempts per interval stacked by result; brushing narrows the page's time range (to whole buckets),
 * a band or legend entry click its result.
 */
export function AttemptsWidget({ definition }: { definition: ReportDefinition }) {
  const { state, update } = useDashboard();
  const report = useWidgetReport<'timeseries'>(definition, (r) =>
    r.rows.every((row) => Object.values(row.values).every((v) => v === 0)),
  );
  const { selectedKey, toggle } = useCrossFilter('result');
  return (
    <Widget
      name="attempts"
      title="Attempts over time"
      description="Stacked by result. Drag across the chart to zoom the whole page to that time; click a band or legend entry to filter."
      state={report.state}
      className="sl-widget--wide"
    >
      <WidgetBody report={report} noun="attempts" height={HEIGHT}>
        {(result: TimeseriesResult) => {
          const interval = intervalMs(result.interval);
          return (
            <StackedAreaChart
              data={result}
              title="Attempts over time by result"
              valueName="Attempts"
              height={HEIGHT}
              timeZone={state.timeZone}
              locale={viewerLocale()}
              {...(interval ? { interval } : {})}
              colorOf={colorsFor('result')}
              onSelectSeries={toggle}
              selectedSeries={selectedKey}
              onBrush={({ from, to }) => {
                const time = fixedRange(new Date(from), new Date(to));
                if (time) update((s) => ({ ...s, time }));
              }}
            />
          );
        }}
      </WidgetBody>
    </Widget>
  );
}
