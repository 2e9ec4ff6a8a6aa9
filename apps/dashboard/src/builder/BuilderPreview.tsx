import { DonutChart } from '@sightline/charts/donut';
import { LogTable } from '@sightline/charts/table';
import { GeoMap } from '@sightline/charts/geo';
import { StackedAreaChart } from '@sightline/charts/stacked-area';
import type { LogRow, ReportDefinition, ReportResult } from '@sightline/schema/reports';
import { bucketLengthMs, type FieldName } from '@sightline/schema';
import { viewerLocale } from '../state/dateFormat';
import { colorsFor } from '../charts/keyColors';
import { useLogColumns } from '../log/useLogColumns';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { RankedList } from '../overview/RankedList';
import { useCrossFilter } from '../overview/useCrossFilter';
import { METRIC_LABELS, type BuilderState } from '../state/builder';
import { useDashboard } from '../state/DashboardContext';

const HEIGHT = 340;
const NO_COLUMNS: readonly FieldName[] = [];

function isEmpty(result: ReportResult): boolean {
  switch (result.view) {
    case 'breakdown':
      return result.rows.length === 0;
    case 'timeseries':
      return result.rows.every((r) => Object.values(r.values).every((v) => v === 0));
    case 'headline':
      return result.current.attempts === 0;
    default:
      return result.rows.length === 0;
  }
}

/** The report as it will look, live: it re-runs whenever the settings, time or filters change. */
export function BuilderPreview({
  builder,
  definition,
  title,
}: {
  builder: BuilderState;
  definition: ReportDefinition;
  title: string;
}) {
  const { state, labelOf } = useDashboard();
  const report = useWidgetReport<ReportResult['view']>(definition, isEmpty);
  const groupField = builder.view === 'map' ? 'access_device.location.country_code' : builder.groupBy;
  const { selectedKey, toggle } = useCrossFilter(groupField);
  const valueLabel = METRIC_LABELS[builder.metric];
  const columns = useLogColumns(
    definition.view.type === 'log' ? (definition.view.columns ?? NO_COLUMNS) : NO_COLUMNS,
  );
  const format = builder.metric === 'failure_rate' ? (v: number) => `${(v * 100).toFixed(1)} %` : undefined;

  return (
    <Widget name="preview" title="Preview" description={title} state={report.state}>
      <WidgetBody report={report} noun="attempts" height={HEIGHT}>
        {(result: ReportResult) => {
          if (result.view === 'log') {
            return (
              <LogTable<LogRow>
                title={title}
                rows={result.rows}
                columns={columns}
                getRowId={(row) => row.txid}
                totalCount={result.total}
                height={HEIGHT}
              />
            );
          }
          if (result.view === 'breakdown' && result.metric === 'failure_rate') {
            // A rate is not a part of a whole: ranked bars, never a donut.
            return (
              <>
                <RankedList
                  rows={result.rows}
                  caption={title}
                  categoryHeader={labelOf(builder.groupBy)}
                  valueHeader={valueLabel}
                  selectedKey={selectedKey}
                  onSelect={toggle}
                  {...(format ? { formatValue: format } : {})}
                />
                {result.minAttempts !== undefined && (
                  <p className="sl-muted">
                    Ranked by failure rate; groups with fewer than {result.minAttempts} attempts are not
                    ranked.
                  </p>
                )}
              </>
            );
          }
          if (result.view === 'breakdown') {
            return (
              <DonutChart
                data={result.rows}
                title={title}
                height={HEIGHT}
                categoryHeader={labelOf(builder.groupBy)}
                valueHeader={valueLabel}
                colorOf={colorsFor(builder.groupBy)}
                selectedKey={selectedKey}
                onSelect={(row) => toggle(row.key)}
                {...(format ? { formatValue: format } : {})}
              />
            );
          }
          if (result.view === 'timeseries') {
            const interval = bucketLengthMs(result.interval);
            return (
              <StackedAreaChart
                data={result}
                title={title}
                height={HEIGHT}
                timeZone={state.timeZone}
                locale={viewerLocale()}
                colorOf={colorsFor(builder.groupBy)}
                onSelectSeries={toggle}
                selectedSeries={selectedKey}
                {...(interval ? { interval } : {})}
                {...(format ? { formatValue: format } : {})}
              />
            );
          }
          if (result.view === 'geo') {
            return (
              <GeoMap
                title={title}
                rows={result.rows}
                mode="country"
                valueLabel={valueLabel}
                height={HEIGHT}
                selected={selectedKey}
                onSelect={(key) => toggle(key)}
                {...(format ? { formatValue: format } : {})}
              />
            );
          }
          return null;
        }}
      </WidgetBody>
    </Widget>
  );
}
