import { useCallback, useMemo, useState } from 'react';
import type { ReactNode, SVGProps } from 'react';
import { ChartFrame, splitChartState } from '../shared/ChartFrame';
import type { ChartStateProps } from '../shared/ChartFrame';
import { Legend } from '../shared/Legend';
import { Tooltip, TooltipRow } from '../shared/Tooltip';
import { VisuallyHiddenTable } from '../shared/VisuallyHiddenTable';
import { formatNumber, formatPercent } from '../shared/format';
import { useChartId } from '../shared/useChartId';
import { useRovingFocus } from '../shared/useRovingFocus';
import { useSize } from '../shared/useSize';
import { useToggleSet } from '../shared/useToggleSet';
import { palette, seriesColor, themeVar } from '../theme/palette';
import { PatternDefs, patternFill } from '../theme/patterns';
import type { DonutAccessors, DonutArc, DonutDatum } from './types';
import { resolveAccessors, useDonut } from './useDonut';

// Slice styles sit in one stylesheet (React hoists it into <head> once per page, also on the server)
// rather than in an inline style on each of possibly dozens of slices; the media query keeps the
// transitions off for readers who ask for less motion, on the server and the client alike.
const donutCss = `.sl-donut-slice{outline:none}
.sl-donut-slice[role=button]{cursor:pointer}
@media (prefers-reduced-motion:no-preference){.sl-donut-slice{transition:opacity 150ms,transform 150ms}}`;

type SvgPassThrough = Omit<
  SVGProps<SVGSVGElement>,
  'onSelect' | 'width' | 'height' | 'ref' | 'children' | 'values'
>;

export interface DonutChartProps<D = DonutDatum> extends DonutAccessors<D>, ChartStateProps, SvgPassThrough {
  /** Rows to draw, in display order (largest first, "other" last, as the query API returns them). */
  data: readonly D[];
  /** Accessible name of the chart (figure caption, table caption). */
  title: string;
  /** Shows the title above the chart instead of only to screen readers. */
  showTitle?: boolean;
  /** Fixed width in px; by default the chart fills its container's width. */
  width?: number;
  /** Height in px (default 280). */
  height?: number;
  /** Inner radius as a fraction of the outer radius (default 0.6; 0 draws a pie). */
  innerRatio?: number;
  /** Slice colours, cycled (default: the colour-blind-safe palette). */
  colors?: readonly string[];
  /**
   * Colour of a slice by its key, so a key keeps its colour whatever else is drawn beside it (a
   * filtered view, another chart of the same field). Keys it returns nothing for take `colors` in order.
   */
  colorOf?: (key: string) => string | undefined;
  /** Fills slices with hatching/dot patterns as well as colour. */
  patterns?: boolean;
  /** Formats values in the centre, tooltip, labels and table. */
  formatValue?: (value: number) => string;
  /** Locale for numbers (default 'en-US', so server and client render identical text). */
  locale?: string;
  /** Caption under the total in the centre (default "Total"); `null` hides the centre. */
  centerLabel?: ReactNode;
  /** Header of the category column in the hidden data table. */
  categoryHeader?: string;
  /** Header of the value column in the hidden data table. */
  valueHeader?: string;
  /**
   * Shows the legend (default true). Without `onSelect`, clicking an entry hides and shows its
   * slice. With `onSelect`, clicking an entry selects the slice (as clicking the slice does) and the
   * swatch before it is a separate "Show <label>" toggle that hides and shows it.
   */
  legend?: boolean;
  /** Key of the selected slice (controlled), drawn pulled out and marked in the legend. */
  selectedKey?: string | null;
  /**
   * Called with the datum when a slice or its legend entry is clicked or chosen with Enter/Space;
   * use it to cross-filter.
   */
  onSelect?: (datum: D) => void;
  /**
   * Called with the datum when a slice is clicked or chosen with Enter, to open what lies behind it
   * (the log rows of that value, say). With it, Space on a slice and the legend entries select
   * through `onSelect`, so cross-filtering stays within reach.
   */
  onOpen?: (datum: D) => void;
}

/**
 * Donut (or pie) of a breakdown: centre total, muted "other" slice, legend (selects and toggles
 * slices), tooltip, keyboard access to every slice and a hidden data table. Renders complete SVG on
 * the server.
 */
export function DonutChart<D = DonutDatum>(props: DonutChartProps<D>) {
  const {
    data,
    title,
    showTitle,
    width,
    height = 280,
    innerRatio = 0.6,
    colors = palette,
    colorOf: colorOfKey,
    patterns = false,
    formatValue: formatValueProp,
    locale = 'en-US',
    centerLabel = 'Total',
    categoryHeader = 'Category',
    valueHeader = 'Value',
    legend = true,
    selectedKey = null,
    onSelect,
    onOpen,
    value,
    label,
    getKey,
    isOther,
    ...others
  } = props;
  // The frame draws the state; whatever is left goes to the <svg>.
  const [state, svgProps] = splitChartState(others);
  const id = useChartId('sl-donut');
  const formatValue = useMemo(
    () => formatValueProp ?? ((v: number) => formatNumber(v, locale)),
    [formatValueProp, locale],
  );
  const { ref: containerRef, width: chartWidth } = useSize<HTMLDivElement>({ width, height });
  const [hidden, toggleSlice] = useToggleSet();
  const [hovered, setHovered] = useState<number | null>(null);
  const layout = useDonut<D>({
    data,
    width: chartWidth,
    height,
    hiddenKeys: hidden,
    innerRatio,
    value,
    label,
    getKey,
    isOther,
  });
  const { arcs, radius, innerRadius } = layout;

  const rows = useMemo(() => {
    const get = resolveAccessors<D>({ value, label, getKey, isOther });
    const out: {
      datum: D;
      key: string;
      label: string;
      value: number;
      isOther: boolean;
      color: string;
      fill: string;
    }[] = [];
    let named = 0;
    for (const [i, datum] of data.entries()) {
      const other = get.isOther(datum);
      const key = get.getKey(datum);
      // Named slices take palette colours in order; "other" is always muted, so it never uses one up.
      const color = other ? themeVar.other : (colorOfKey?.(key) ?? seriesColor(named++, colors));
      const fill = patterns && !other ? patternFill(id, i) : color;
      out.push({
        datum,
        key,
        label: get.label(datum),
        value: get.value(datum),
        isOther: other,
        color,
        fill,
      });
    }
    return out;
  }, [data, value, label, getKey, isOther, patterns, id, colors, colorOfKey]);
  const fillOf = useMemo(() => new Map(rows.map((r) => [r.key, r.fill])), [rows]);
  // The tooltip swatch is an HTML span: CSS cannot paint an SVG pattern, so it shows the plain colour.
  const colorOf = useMemo(() => new Map(rows.map((r) => [r.key, r.color])), [rows]);
  const grandTotal = rows.reduce((sum, r) => sum + Math.max(0, r.value || 0), 0);

  // Memoised so hovering a slice re-renders neither the legend nor the hidden table.
  const legendItems = useMemo(
    () =>
      rows.map((r) => ({
        key: r.key,
        label: r.label,
        color: r.fill,
        hidden: hidden.has(r.key),
        selected: r.key === selectedKey,
      })),
    [rows, hidden, selectedKey],
  );
  const selectFromLegend = useCallback(
    (key: string) => {
      const row = rows.find((r) => r.key === key);
      if (row) onSelect?.(row.datum);
    },
    [rows, onSelect],
  );
  const tableColumns = useMemo(() => [categoryHeader, valueHeader, 'Share'], [categoryHeader, valueHeader]);
  const tableRows = useMemo(
    () =>
      rows.map((r) => [
        r.label,
        formatValue(r.value),
        grandTotal > 0 ? formatPercent(Math.max(0, r.value) / grandTotal, locale) : '–',
      ]),
    [rows, formatValue, grandTotal, locale],
  );
  const roving = useRovingFocus<SVGPathElement>({
    count: arcs.length,
    onSelect: (i) => arcs[i] && onSelect?.(arcs[i].datum),
    ...(onOpen ? { onOpen: (i: number) => arcs[i] && onOpen(arcs[i].datum) } : {}),
  });
  const active = hovered ?? roving.focusedIndex;
  const focusedArc = roving.focusedIndex === null ? undefined : arcs[roving.focusedIndex];
  const activeArc: DonutArc<D> | undefined = active === null ? undefined : arcs[active];
  const cx = chartWidth / 2;
  const cy = height / 2;
  const tooltipId = `${id}-tooltip`;
  const describe = (a: DonutArc<D>) =>
    `${a.label}: ${formatValue(a.value)} (${formatPercent(a.share, locale)})`;
  return (
    <ChartFrame title={title} showTitle={showTitle} height={height} {...state} empty={grandTotal === 0}>
      <div ref={containerRef} style={{ position: 'relative', width: width ?? '100%' }}>
        <style href="sl-donut" precedence="sl">
          {donutCss}
        </style>
        <svg
          width={chartWidth}
          height={height}
          viewBox={`0 0 ${chartWidth} ${height}`}
          role="group"
          aria-label={title}
          {...svgProps}
        >
          {patterns && <PatternDefs idPrefix={id} colors={rows.map((r) => r.color)} />}
          <g transform={`translate(${cx},${cy})`}>
            <g stroke={themeVar.bg} strokeWidth={1} onPointerLeave={() => setHovered(null)}>
              {arcs.map((a, i) => {
                const selected = a.key === selectedKey;
                const [mx, my] = a.centroid;
                const norm = Math.hypot(mx, my) || 1;
                const { 'data-focused': focused, ...itemProps } = roving.getItemProps(i);
                return (
                  <path
                    key={a.key}
                    d={a.path}
                    fill={fillOf.get(a.key)}
                    className="sl-donut-slice"
                    role={onSelect || onOpen ? 'button' : 'img'}
                    aria-label={describe(a)}
                    aria-pressed={onSelect ? selected : undefined}
                    aria-describedby={active === i ? tooltipId : undefined}
                    data-key={a.key}
                    data-start-angle={a.startAngle.toFixed(4)}
                    data-end-angle={a.endAngle.toFixed(4)}
                    data-focused={focused}
                    data-other={a.isOther || undefined}
                    opacity={active !== null && active !== i ? 0.55 : undefined}
                    transform={selected ? `translate(${(mx / norm) * 6},${(my / norm) * 6})` : undefined}
                    onPointerEnter={() => setHovered(i)}
                    onClick={() => (onOpen ? onOpen(a.datum) : onSelect?.(a.datum))}
                    {...itemProps}
                  />
                );
              })}
            </g>
            {focusedArc && (
              <path
                d={layout.pathFor(focusedArc, Math.max(0, innerRadius - 3), radius + 3)}
                fill="none"
                stroke={themeVar.focus}
                strokeWidth={2.5}
                pointerEvents="none"
                aria-hidden="true"
                data-focus-ring=""
              />
            )}
            {centerLabel !== null && innerRadius > 24 && (
              <g aria-hidden="true" textAnchor="middle" fontFamily={themeVar.font} pointerEvents="none">
                <text
                  y={0}
                  fill={themeVar.fg}
                  fontSize={Math.min(28, innerRadius / 2.6)}
                  fontWeight={600}
                  data-total=""
                >
                  {formatValue(layout.total)}
                </text>
                <text y={Math.min(28, innerRadius / 2.6) * 0.9} fill={themeVar.muted} fontSize={12}>
                  {centerLabel}
                </text>
              </g>
            )}
          </g>
        </svg>
        {activeArc && (
          <Tooltip
            id={tooltipId}
            x={cx + activeArc.centroid[0]}
            y={cy + activeArc.centroid[1]}
            containerWidth={chartWidth}
          >
            <TooltipRow
              color={colorOf.get(activeArc.key) ?? themeVar.other}
              label={activeArc.label}
              value={`${formatValue(activeArc.value)} · ${formatPercent(activeArc.share, locale)}`}
            />
          </Tooltip>
        )}
      </div>
      {legend && (
        <Legend
          label={`${title} legend`}
          items={legendItems}
          onToggle={toggleSlice}
          onSelect={onSelect && selectFromLegend}
        />
      )}
      <VisuallyHiddenTable caption={title} columns={tableColumns} rows={tableRows} />
    </ChartFrame>
  );
}
