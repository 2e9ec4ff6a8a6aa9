import type { ReportDefinition, TimeseriesResult } from '@sightline/schema/reports';
import { StackedAreaChart } from '@sightline/charts/stacked-area';
import { viewerLocale } from '../state/dateFormat';
import { colorsFor } from '@sightline/charts';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useDashboard } from '../state/DashboardContext';
import { fixedRange } from '../state/timeRange';
import { bucketLengthMs } from '@sightline/schema';
import { useCrossFilter } from './useCrossFilter';
import { useDrillDown } from './useDrillDown';

const HEIGHT = 280;

/**
 * Attempts per interval stacked by result; brushing narrows the page's time range (to whole buckets),
 * a band click opens the log rows of that result in that bucket, a legend entry filters the page.
 */
export function AttemptsWidget({ definition }: { definition: ReportDefinition }) {
  const { state, update } = useDashboard();
  const report = useWidgetReport<'timeseries'>(definition, (r) =>
    r.rows.every((row) => Object.values(row.values).every((v) => v === 0)),
  );
  const { selectedKey, toggle } = useCrossFilter('result');
  const drill = useDrillDown('attempts');
  return (
    <Widget
      name="attempts"
      title="Attempts over time"
      description="Stacked by result. Drag across the chart to zoom the whole page to that time; click a band to see its attempts in the log, a legend entry to filter."
      state={report.state}
      className="sl-widget--wide"
    >
      <WidgetBody report={report} noun="attempts" height={HEIGHT}>
        {(result: TimeseriesResult) => {
          const interval = bucketLengthMs(result.interval);
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
              onOpenBucket={({ series, from, to }) =>
                drill.open({ field: 'result', value: series, bucket: { from, to } })
              }
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
