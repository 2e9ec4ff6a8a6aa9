import { useMemo, useState } from 'react';
import type { SVGProps } from 'react';
import { ChartFrame, splitChartState } from '../shared/ChartFrame';
import type { ChartStateProps } from '../shared/ChartFrame';
import { Legend } from '../shared/Legend';
import { Tooltip, TooltipRow } from '../shared/Tooltip';
import { VisuallyHiddenTable } from '../shared/VisuallyHiddenTable';
import { formatCompact, formatNumber, formatPercent } from '../shared/format';
import { useChartId } from '../shared/useChartId';
import { usePrefersReducedMotion } from '../shared/usePrefersReducedMotion';
import { useSize } from '../shared/useSize';
import { useToggleSet } from '../shared/useToggleSet';
import { visuallyHidden } from '../shared/visuallyHidden';
import { palette, seriesColor, themeVar } from '../theme/palette';
import { PatternDefs, patternFill } from '../theme/patterns';
import { AreaLayer } from './AreaLayer';
import { Axes } from './Axes';
import { bucketLabel } from './bucketLabel';
import { Crosshair } from './Crosshair';
import { formatInstant } from './timeTicks';
import type { SeriesBucket, StackOffset, TimeRange, TimeSeriesData } from './types';
import { useCrosshair } from './useCrosshair';
import { useStackedArea } from './useStackedArea';

type SvgPassThrough = Omit<SVGProps<SVGSVGElement>, 'width' | 'height' | 'ref' | 'children' | 'offset'>;

export interface StackedAreaChartProps extends ChartStateProps, SvgPassThrough {
  /** Series and time buckets, as the query API returns a `timeseries` view. */
  data: TimeSeriesData;
  /** Accessible name of the chart (figure caption, table caption). */
  title: string;
  /** Shows the title above the chart instead of only to screen readers. */
  showTitle?: boolean;
  /** Fixed width in px; by default the chart fills its container's width. */
  width?: number;
  /** Height in px (default 320). */
  height?: number;
  /** 'none' stacks absolute values; 'expand' shows each bucket as 100%. */
  offset?: StackOffset;
  /** IANA time zone for ticks, tooltip and table (default 'UTC', identical on server and client). */
  timeZone?: string;
  /** Locale for dates and numbers (default 'en-US', identical on server and client). */
  locale?: string;
  /**
   * Bucket length in ms; used to draw missing buckets as zero and named above the plot ("per hour").
   * Inferred when absent.
   */
  interval?: number;
  /** What a value counts, put before the bucket size above the plot: 'Attempts' reads "Attempts per hour". */
  valueName?: string;
  /** Series colours by position in `data.series` (default: the colour-blind-safe palette). */
  colors?: readonly string[];
  /**
   * Colour of a series by its key, so a key keeps its colour whatever else is drawn beside it (a
   * filtered view, another chart of the same field). Keys it returns nothing for take `colors` by position.
   */
  colorOf?: (key: string) => string | undefined;
  /** Fills bands with hatching/dot patterns as well as colour. */
  patterns?: boolean;
  /** Formats values in the tooltip, axis and table. */
  formatValue?: (value: number) => string;
  /**
   * Shows the legend (default true). Without `onSelectSeries`, clicking an entry hides and shows its
   * series. With `onSelectSeries`, clicking an entry selects the series (as clicking its band does)
   * and the swatch before it is a separate "Show <label>" toggle that hides and shows it.
   */
  legend?: boolean;
  /**
   * Called with the time range the reader drags across the plot (or picks with Shift+arrows, Enter),
   * snapped to whole buckets: from the start of the first bucket to the end of the last.
   */
  onBrush?: (range: TimeRange) => void;
  /**
   * Called with a series key when its band or legend entry is clicked, or chosen with Enter on the
   * keyboard; use it to cross-filter.
   */
  onSelectSeries?: (series: string) => void;
  /**
   * Called with the series and the bucket (its time range) of a band clicked, or of the keyboard's
   * crosshair on Enter, to open what lies behind it (the log rows of that result in that hour, say).
   * With it, Space and the legend entries select the series through `onSelectSeries`.
   */
  onOpenBucket?: (bucket: SeriesBucket) => void;
  /** Key of the selected series (controlled), marked in the legend; `null` for none. */
  selectedSeries?: string | null;
}

const margin = { top: 10, right: 16, bottom: 28, left: 48 };
// The browser styles, lays out and paints every cell of the hidden table however it is hidden: a
// 250 × 21 table was over half of a 20-series chart's first render. So the table is capped by cells
// as well as rows, and a wide chart lists fewer buckets; up to 7 series keep all 250 rows. Every
// bucket stays within reach of the keyboard, whose crosshair announces all series there.
const tableRowLimit = 250;
const tableCellLimit = 2_000;

/**
 * Stacked areas over a time axis: zone-aware ticks, absolute or 100% stacking, crosshair tooltip
 * with every series, legend (selects and toggles series), brush to pick whole buckets, full
 * keyboard control, hidden table.
 */
export function StackedAreaChart(props: StackedAreaChartProps) {
  const {
    data,
    title,
    showTitle,
    width,
    height = 320,
    offset = 'none',
    timeZone = 'UTC',
    locale = 'en-US',
    interval,
    valueName,
    colors = palette,
    colorOf: colorOfKey,
    patterns = false,
    formatValue,
    legend = true,
    onBrush,
    onSelectSeries,
    onOpenBucket,
    selectedSeries,
    ...others
  } = props;
  // The frame draws the state; whatever is left goes to the <svg>.
  const [state, svgProps] = splitChartState(others);
  const id = useChartId('sl-area');
  const { ref: containerRef, width: chartWidth } = useSize<HTMLDivElement>({ width, height });
  const reduced = usePrefersReducedMotion();
  const [hidden, toggleSeries] = useToggleSet();
  const [highlight, setHighlight] = useState<string | null>(null);
  const layout = useStackedArea({
    data,
    width: chartWidth,
    height,
    margin,
    offset,
    hiddenSeries: hidden,
    interval,
    timeZone,
    locale,
  });
  const { layers, rows, times } = layout;
  // The bucket size is what turns a value into a rate ("12 per hour"); it is shown and described.
  const bucket = bucketLabel(layout.interval);
  const scale = bucket && (valueName ? `${valueName} ${bucket}` : bucket.replace(/^p/, 'P'));
  const scaleId = `${id}-scale`;

  const label = (key: string) => data.seriesLabels?.[key] ?? key;
  const format = useMemo(
    () => formatValue ?? ((v: number) => formatNumber(v, locale)),
    [formatValue, locale],
  );
  const formatY = useMemo(
    () =>
      offset === 'expand' ? (v: number) => formatPercent(v, locale) : (v: number) => formatCompact(v, locale),
    [offset, locale],
  );
  const { colorOf, fillOf } = useMemo(() => {
    const colorMap = new Map(data.series.map((key, i) => [key, colorOfKey?.(key) ?? seriesColor(i, colors)]));
    const fillMap = new Map(
      data.series.map((key, i) => [
        key,
        patterns ? patternFill(id, i) : (colorMap.get(key) ?? themeVar.other),
      ]),
    );
    return { colorOf: colorMap, fillOf: fillMap };
  }, [data.series, colors, colorOfKey, patterns, id]);

  const valueAt = (index: number, key: string) => rows[index]?.values[key] ?? 0;
  const describeBucket = (index: number, series: string | null) => {
    const t = times[index] ?? 0;
    const parts = layers.map((l) => `${label(l.key)} ${format(valueAt(index, l.key))}`);
    const lead = series ? `${label(series)}: ${format(valueAt(index, series))}. ` : '';
    return `${formatInstant(t, timeZone, locale)}. ${lead}All: ${parts.join(', ')}.`;
  };

  const interaction = useCrosshair({
    layout,
    onBrush,
    onSelectSeries,
    onOpenBucket,
    describe: describeBucket,
  });
  const { shown, selection, focused } = interaction;
  const legendItems = useMemo(
    () =>
      data.series.map((key) => ({
        key,
        label: data.seriesLabels?.[key] ?? key,
        color: fillOf.get(key) ?? themeVar.other,
        hidden: hidden.has(key),
        selected: key === selectedSeries,
      })),
    [data.series, data.seriesLabels, fillOf, hidden, selectedSeries],
  );
  const table = useMemo(() => {
    const name = (key: string) => data.seriesLabels?.[key] ?? key;
    // Only the rows the hidden table shows are formatted: 2,000 buckets × 20 series is 40,000 cells.
    const rowLimit = Math.min(tableRowLimit, Math.floor(tableCellLimit / (layers.length + 1)));
    const shownRows = rows.slice(0, Math.max(1, rowLimit));
    return {
      columns: ['Time', ...layers.map((l) => name(l.key))],
      rows: shownRows.map((row) => [
        formatInstant(row.t, timeZone, locale),
        ...layers.map((l) => format(row.values[l.key] ?? 0)),
      ]),
    };
  }, [rows, layers, data.seriesLabels, format, timeZone, locale]);
  const tooltipT = shown ? times[shown.index] : undefined;
  const instructions = `Use left and right arrows to move across time, up and down to change series${onOpenBucket ? ', Enter to open the series at that time' : ''}${onSelectSeries ? `, ${onOpenBucket ? 'Space' : 'Enter'} to select the series` : ''}${onBrush ? ', Shift with arrows then Enter to select a time range' : ''}.`;

  return (
    <ChartFrame
      title={title}
      showTitle={showTitle}
      height={height}
      {...state}
      empty={data.series.length === 0 || rows.length === 0}
    >
      {scale && (
        <div
          id={scaleId}
          data-bucket-label=""
          style={{ color: themeVar.muted, fontSize: 12, lineHeight: '16px', paddingLeft: margin.left / 2 }}
        >
          {scale}
        </div>
      )}
      <div ref={containerRef} style={{ position: 'relative', width: width ?? '100%' }}>
        <svg
          width={chartWidth}
          height={height}
          viewBox={`0 0 ${chartWidth} ${height}`}
          role="group"
          aria-label={title}
          aria-describedby={scale ? scaleId : undefined}
          {...svgProps}
        >
          {patterns && (
            <PatternDefs
              idPrefix={id}
              colors={data.series.map((key) => colorOf.get(key) ?? themeVar.other)}
            />
          )}
          <g transform={`translate(${margin.left},${margin.top})`}>
            <Axes
              width={layout.innerWidth}
              height={layout.innerHeight}
              xTicks={layout.xTicks}
              yTicks={layout.yTicks}
              formatY={formatY}
            />
            <AreaLayer layers={layers} fills={fillOf} highlight={highlight} animate={!reduced} />
            <g
              tabIndex={0}
              role="application"
              aria-roledescription="interactive stacked area chart"
              aria-label={title}
              aria-describedby={scale ? `${scaleId} ${id}-help` : `${id}-help`}
              {...interaction.keyboardProps}
              style={{ outline: 'none' }}
            >
              <rect
                width={layout.innerWidth}
                height={layout.innerHeight}
                fill="transparent"
                stroke={focused ? themeVar.focus : 'none'}
                strokeWidth={2}
                data-plot=""
                style={{ cursor: onBrush ? 'crosshair' : 'default', touchAction: 'pan-y' }}
                {...interaction.pointerProps}
              />
            </g>
          </g>
        </svg>
        {/* Hover redraws only this overlay; its own compositing layer keeps the bands from repainting. */}
        <svg
          width={chartWidth}
          height={height}
          aria-hidden="true"
          style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', willChange: 'transform' }}
        >
          <g transform={`translate(${margin.left},${margin.top})`}>
            {selection && (
              <rect
                x={selection[0]}
                width={selection[1] - selection[0]}
                height={layout.innerHeight}
                fill={themeVar.selection}
                stroke={themeVar.focus}
                data-brush=""
                aria-hidden="true"
              />
            )}
            {shown && (
              <Crosshair layout={layout} index={shown.index} activeSeries={shown.series} colors={colorOf} />
            )}
          </g>
        </svg>
        {shown && tooltipT !== undefined && (
          <Tooltip
            x={margin.left + layout.x(tooltipT)}
            y={margin.top + layout.innerHeight / 2}
            containerWidth={chartWidth}
          >
            <div style={{ fontWeight: 600, marginBottom: 4 }}>
              {formatInstant(tooltipT, timeZone, locale)}
            </div>
            {[...layers].reverse().map((l) => (
              <TooltipRow
                key={l.key}
                color={colorOf.get(l.key) ?? themeVar.other}
                label={label(l.key)}
                value={format(valueAt(shown.index, l.key))}
                active={l.key === shown.series}
              />
            ))}
            <TooltipRow
              color="transparent"
              label="Total"
              value={format(layers.reduce((sum, l) => sum + valueAt(shown.index, l.key), 0))}
            />
          </Tooltip>
        )}
        <div id={`${id}-help`} style={visuallyHidden}>
          {instructions}
        </div>
        <div aria-live="polite" style={visuallyHidden} data-announcer="">
          {interaction.announcement}
        </div>
      </div>
      {legend && (
        <Legend
          label={`${title} legend`}
          items={legendItems}
          onToggle={toggleSeries}
          onSelect={onSelectSeries}
          onHighlight={setHighlight}
        />
      )}
      <VisuallyHiddenTable
        caption={bucket ? `${title}, ${bucket}` : title}
        columns={table.columns}
        rows={table.rows}
        totalRows={rows.length}
      />
    </ChartFrame>
  );
}
