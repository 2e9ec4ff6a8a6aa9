import { lazy, Suspense } from 'react';
import { DonutChart } from '../donut/DonutChart';
import { HeadlineFigures } from '../headline/HeadlineFigures';
import { ChartFrame } from '../shared/ChartFrame';
import { StackedAreaChart } from '../stacked-area/StackedAreaChart';
import { formatPercent } from '../shared/format';
import { colorsFor } from '../theme/keyColors';
import { headlineItems } from './headlineItems';
import { RankedChart } from '../ranked/RankedChart';
import { authLogFields, bucketLengthMs, type GroupableField } from '@sightline/schema';
import { METRIC_LABELS, type Metric } from '@sightline/schema/reports';
import type { ReportDefinition, ReportResult, ReportSelection, ResultFor } from './types';
import { useReport } from './useReport';

// Map and table load on demand, so a page with only donuts never downloads d3-geo or TanStack Table.
const GeoReport = lazy(() => import('./GeoReport').then((m) => ({ default: m.GeoReport })));
const LogReport = lazy(() => import('./LogReport').then((m) => ({ default: m.LogReport })));

export interface ReportProps {
  /** The report to run; its `view.type` picks the chart. */
  definition: ReportDefinition;
  /** Accessible name (and optional visible title) of the chart. */
  title: string;
  /** Shows the title above the chart. */
  showTitle?: boolean;
  /** Chart height in px. */
  height?: number;
  /** Called when the reader picks a slice, series, time range, country or row. */
  onSelect?: (selection: ReportSelection) => void;
  /**
   * Called when the reader opens a slice, country or one series in one bucket (click or Enter), to
   * show the rows behind it; with it, Space and the legends select through `onSelect`.
   */
  onOpen?: (selection: ReportSelection) => void;
  /** Highlighted key (slice or country), for cross-filter feedback. */
  selectedKey?: string | null;
  /** Headline figures: what their change is measured against, in words. */
  comparisonLabel?: string;
  /**
   * The colour of each key (slice or series). By default a key keeps one colour everywhere on the
   * page, and results keep theirs by meaning (see `colorsFor`).
   */
  colorOf?: (key: string) => string;
  /** Locale of numbers and dates; by default the browser's. */
  locale?: string;
  /** Runs the report again on this interval, in ms, for a live page (charts; the log pages on demand). */
  refetchInterval?: number;
}

function pick<V extends ReportResult['view']>(
  result: ReportResult | undefined,
  view: V,
): ResultFor<V> | undefined {
  return result?.view === view ? (result as ResultFor<V>) : undefined;
}

/**
 * A connected chart: runs `definition` through {@link useReport} and renders the chart for its view
 * (breakdown → donut, timeseries → stacked area, geo → map, log → table, headline → figures
 * with their change) with loading, error and
 * empty states; stale data stays on screen while a changed definition loads.
 */
export function Report({
  definition,
  title,
  showTitle,
  height,
  onSelect,
  onOpen,
  selectedKey,
  comparisonLabel,
  colorOf,
  locale,
  refetchInterval,
}: ReportProps) {
  const view = definition.view;
  const type = view.type;
  const isLog = type === 'log';
  const query = useReport(definition, { enabled: !isLog, ...(refetchInterval ? { refetchInterval } : {}) });
  const common = {
    title,
    showTitle,
    height,
    loading: query.isPending,
    error: query.error ?? undefined,
    busy: query.isFetching,
  };
  const metric: Metric = ('metric' in view && view.metric) || 'count';
  const valued = {
    locale,
    valueHeader: METRIC_LABELS[metric],
    ...(metric === 'failure_rate' ? { formatValue: (v: number) => formatPercent(v, locale) } : {}),
  };
  const keyed = (field: GroupableField | undefined) => ({
    colorOf: colorOf ?? (field ? colorsFor(field) : undefined),
    categoryHeader: field ? authLogFields[field].label : undefined,
  });

  if (view.type === 'breakdown') {
    const result = pick(query.data, 'breakdown');
    const { colorOf: keyColor, categoryHeader = 'Category' } = keyed(view.groupBy);
    if (metric === 'failure_rate') {
      return (
        <RankedChart
          {...common}
          rows={result?.rows ?? []}
          categoryHeader={categoryHeader}
          valueHeader={valued.valueHeader}
          formatValue={(v) => formatPercent(v, locale)}
          footnote={
            result?.minAttempts === undefined
              ? undefined
              : `Ranked by failure rate; groups with fewer than ${result.minAttempts} attempts are not ranked.`
          }
          selectedKey={selectedKey}
          onSelect={
            onSelect &&
            ((key) =>
              onSelect({
                view: 'breakdown',
                key,
                label: result?.rows.find((r) => r.key === key)?.label ?? key,
              }))
          }
        />
      );
    }
    return (
      <DonutChart
        {...common}
        {...valued}
        colorOf={keyColor}
        categoryHeader={categoryHeader}
        data={result?.rows ?? []}
        selectedKey={selectedKey}
        onSelect={onSelect && ((d) => onSelect({ view: 'breakdown', key: d.key, label: d.label }))}
        onOpen={onOpen && ((d) => onOpen({ view: 'breakdown', key: d.key, label: d.label }))}
      />
    );
  }
  if (type === 'headline') {
    const result = pick(query.data, 'headline');
    return (
      <HeadlineFigures
        {...common}
        items={result ? headlineItems(result) : []}
        comparisonLabel={
          comparisonLabel ??
          (result?.previous ? 'Change against the previous period of equal length' : undefined)
        }
      />
    );
  }
  if (view.type === 'timeseries') {
    const result = pick(query.data, 'timeseries');
    return (
      <StackedAreaChart
        {...common}
        locale={locale}
        valueName={valued.valueHeader}
        {...(valued.formatValue ? { formatValue: valued.formatValue } : {})}
        colorOf={keyed(view.stackBy).colorOf}
        selectedSeries={selectedKey}
        data={result ?? { series: [], rows: [] }}
        interval={result ? bucketLengthMs(result.interval) : undefined}
        timeZone={result?.meta.timeZone}
        onSelectSeries={onSelect && ((series) => onSelect({ view: 'timeseries', series }))}
        onBrush={onSelect && ((range) => onSelect({ view: 'timeseries', range }))}
        onOpenBucket={
          onOpen && (({ series, from, to }) => onOpen({ view: 'timeseries', series, bucket: { from, to } }))
        }
      />
    );
  }
  const fallback = (
    <ChartFrame title={title} showTitle={showTitle} height={height} loading>
      {null}
    </ChartFrame>
  );
  if (type === 'geo') {
    return (
      <Suspense fallback={fallback}>
        <GeoReport
          {...common}
          locale={locale}
          valueLabel={valued.valueHeader}
          {...(valued.formatValue ? { formatValue: valued.formatValue } : {})}
          result={pick(query.data, 'geo')}
          selectedKey={selectedKey}
          onSelect={onSelect}
          onOpen={onOpen}
        />
      </Suspense>
    );
  }
  if (isLog) {
    return (
      <Suspense fallback={fallback}>
        <LogReport
          definition={definition}
          title={title}
          showTitle={showTitle}
          height={height}
          onSelect={onSelect}
        />
      </Suspense>
    );
  }
  return (
    <ChartFrame title={title} status="error" errorMessage={`No chart for the "${type}" view.`}>
      {null}
    </ChartFrame>
  );
}
