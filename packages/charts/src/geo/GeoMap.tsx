import {
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { ChartFrame, splitChartState, type ChartStateProps } from '../shared/ChartFrame';
import { Tooltip } from '../shared/Tooltip';
import { VisuallyHiddenTable } from '../shared/VisuallyHiddenTable';
import { formatNumber } from '../shared/format';
import { useChartId } from '../shared/useChartId';
import { usePrefersReducedMotion } from '../shared/usePrefersReducedMotion';
import { useRovingFocus } from '../shared/useRovingFocus';
import { useSize } from '../shared/useSize';
import { themeVar } from '../theme/palette';
import { PatternDefs } from '../theme/patterns';
import { GeoLegend } from './GeoLegend';
import { GeoMarks } from './GeoMarks';
import { HatchDef } from './HatchDef';
import { NoDataLayer } from './NoDataLayer';
import { ZoomControls } from './ZoomControls';
import { normalizeGeoRows } from './normalize';
import type { WorldTopology } from './topology';
import type { GeoAccessors, GeoMode, GeoRow } from './types';
import { useBubbles } from './useBubbles';
import { useColorScale } from './useColorScale';
import { pointKeyPrefix, useGeoItems, type GeoItem } from './useGeoItems';
import { useGeoPaths } from './useGeoPaths';
import { useTopology } from './useTopology';
import { useZoomPan } from './useZoomPan';

export interface GeoMapProps<TRow = GeoRow> extends ChartStateProps {
  /** Accessible name of the map (figure caption, table caption). */
  title: string;
  /** Rows of the geo report: one per country (alpha-2 key) or per grid cell (lat/lon). */
  rows: readonly TRow[];
  /** `country` colours countries; `grid` draws a bubble per row at its lat/lon. */
  mode?: GeoMode;
  /**
   * Points (lat/lon rows) drawn as bubbles over the choropleth, country mode only: sized by value,
   * listed after the countries for the keyboard and in the table, and passed to `onSelect` with
   * their own key. Read with the same `accessors` as `rows`.
   */
  points?: readonly TRow[];
  /** Name of the point layer, in the legend and the table ("Locations"). */
  pointsLabel?: string;
  /** Field readers for custom row shapes; default to the {@link GeoRow} fields. */
  accessors?: GeoAccessors<TRow>;
  /** World TopoJSON to draw; without it world-atlas 110m is loaded lazily after mount. */
  topology?: WorldTopology;
  /** Custom lazy loader for the topology (e.g. fetch from your CDN). */
  loadTopology?: () => Promise<WorldTopology>;
  /** Name of the metric, used in the table header and legend ("Events"). */
  valueLabel?: string;
  /** Formats values for tooltips, labels, legend and table. */
  formatValue?: (value: number) => string;
  /** Locale of the default number format (fixed, so server and client print the same). */
  locale?: string;
  /** Number of colour classes (default 5). */
  classes?: number;
  /** Class colours, low to high (default: viridis). */
  colors?: readonly string[];
  /**
   * Fills each colour class with its own pattern (dots, lines, grids) as well as its colour, in the
   * marks and the legend, for readers who cannot tell the classes' hues apart. Off by default.
   */
  patterns?: boolean;
  /** Fixed colour domain [low, high], to keep colours stable across filters. */
  domain?: readonly [number, number];
  /** Largest bubble radius in px at zoom 1 (grid mode). */
  maxRadius?: number;
  /** Key of the selected country, cell or point (controlled highlight); a country wins a tie. */
  selected?: string | null;
  /** Called with the country code (or cell or point key) and its row on click or Enter. */
  onSelect?: (key: string, row: TRow) => void;
  /**
   * Called with the key and row of a mark clicked or chosen with Enter, to open what lies behind it
   * (the log rows of that country, say). With it, Space selects through `onSelect`.
   */
  onOpen?: (key: string, row: TRow) => void;
  /** Fixed width in px; by default the map fills its container. */
  width?: number;
  /** Fixed height in px; by default half the width (Equal Earth's aspect). */
  height?: number;
  /** Largest zoom factor (default 8). */
  maxZoom?: number;
  /** Shows the title above the map. */
  showTitle?: boolean;
  /** Hides the colour legend. */
  hideLegend?: boolean;
  /** Class on the figure. */
  className?: string;
}

interface Hover {
  key: string;
  x: number;
  y: number;
}

// One empty array for every render: a fresh `[]` would rebuild the bubbles, then the whole model.
const noRows: readonly never[] = [];
const noDataShape = ['diagonal'] as const;
// Page-coloured bubbles with a dark ring stand out on every class colour of the choropleth below.
const pointFill = themeVar.bg;
const noSubscription = () => () => {};
const isFreshClientRender = () => false;
const isServerOrHydrating = () => true;

/**
 * World choropleth (country mode) or bubble map (grid mode) on an Equal Earth projection, with zoom
 * and pan, one keyboard tab stop across the marks with data, a colour legend and a hidden data table.
 */
export function GeoMap<TRow = GeoRow>(props: GeoMapProps<TRow>) {
  const { title, rows, mode = 'country', accessors, locale = 'en-US', valueLabel = 'Value' } = props;
  const {
    maxRadius = 24,
    maxZoom = 8,
    onSelect,
    onOpen,
    selected,
    formatValue,
    pointsLabel = 'Locations',
  } = props;
  // Stable, like every prop of the marks, the legend and the hidden table below: a pointer move then
  // re-renders the tooltip, not the thousands of elements those draw.
  const format = useMemo(
    () => formatValue ?? ((value: number) => formatNumber(value, locale)),
    [formatValue, locale],
  );
  const id = useChartId('sl-geo');
  const size = useSize({
    ...(props.width !== undefined ? { width: props.width } : {}),
    ...(props.height !== undefined ? { height: props.height } : {}),
  });
  const { width, height } = size;
  const topologyState = useTopology(props.topology, props.loadTopology);
  const topology = topologyState.status === 'ready' ? topologyState.topology : undefined;
  const data = useMemo(() => normalizeGeoRows(rows, accessors), [rows, accessors]);
  const values = useMemo(() => data.map((d) => d.value), [data]);
  const points = mode === 'country' ? props.points : undefined;
  const pointData = useMemo(
    () => (points ? normalizeGeoRows(points, accessors) : noRows),
    [points, accessors],
  );
  const layered = pointData.length > 0;
  // A map projected at the guessed size is thrown away when the container is measured, before the
  // first paint: project at once only where the first markup is what the reader sees (server render,
  // hydration), otherwise once the size is known.
  const firstMarkup = useSyncExternalStore(noSubscription, isFreshClientRender, isServerOrHydrating);
  const paths = useGeoPaths(size.measured || firstMarkup ? topology : undefined, width, height);
  const bubbles = useBubbles(mode === 'grid' ? data : pointData, paths?.project, maxRadius);
  const model = useGeoItems(mode, data, paths?.countries, bubbles);
  const scale = useColorScale(values, {
    ...(props.classes !== undefined ? { classes: props.classes } : {}),
    ...(props.colors ? { colors: props.colors } : {}),
    ...(props.domain ? { domain: props.domain } : {}),
  });
  const { attachWheel, ...zoom } = useZoomPan(width, height, maxZoom);
  const reducedMotion = usePrefersReducedMotion();
  const [hover, setHover] = useState<Hover | null>(null);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const { items } = model;

  // A point's item key carries a prefix that keeps it apart from the countries; callers get their own.
  const select = (item: GeoItem<TRow> | undefined) =>
    item && onSelect?.(item.point ? item.datum.key : item.key, item.datum.row as TRow);
  const open = (item: GeoItem<TRow> | undefined) =>
    item && onOpen?.(item.point ? item.datum.key : item.key, item.datum.row as TRow);
  const roving = useRovingFocus<SVGElement>({
    count: items.length,
    onSelect: (i) => select(items[i]),
    ...(onOpen ? { onOpen: (i: number) => open(items[i]) } : {}),
    onActiveChange: (i) => {
      const item = items[i];
      if (item) zoom.reveal(item.x, item.y);
    },
  });

  const { k, x: tx, y: ty } = zoom.transform;
  const toScreen = (item: { x: number; y: number }) => ({ x: k * item.x + tx, y: k * item.y + ty });
  const itemByKey = useMemo(() => new Map(items.map((item) => [item.key, item])), [items]);
  const noDataName = useMemo(() => new Map(model.background.map((c) => [c.id, c.name])), [model.background]);
  const hatchId = `${id}-no-data`;
  const patternPrefix = props.patterns ? id : undefined;
  const pointSwatchId = `${id}-point`;
  const noDataFill = `url(#${hatchId})`;

  // Map keys are caught on the way down to the focused mark, whose own handler moves focus: it leaves
  // alone a key handled here (Shift+arrows pan instead of moving).
  const onMapKeyDown = (event: KeyboardEvent<SVGElement>) => {
    const key = (event.target as Element).getAttribute?.('data-key');
    const item = key ? itemByKey.get(key) : undefined;
    const anchor = item ? toScreen(item) : { x: width / 2, y: height / 2 };
    const pan = 48;
    const panKeys: Record<string, [number, number]> = {
      ArrowLeft: [pan, 0],
      ArrowRight: [-pan, 0],
      ArrowUp: [0, pan],
      ArrowDown: [0, -pan],
    };
    const shiftPan = event.shiftKey ? panKeys[event.key] : undefined;
    if (shiftPan) zoom.panBy(shiftPan[0], shiftPan[1]);
    else if (event.key === '+' || event.key === '=') zoom.zoomBy(1.5, anchor.x, anchor.y);
    else if (event.key === '-' || event.key === '_') zoom.zoomBy(1 / 1.5, anchor.x, anchor.y);
    else if (event.key === '0') zoom.reset();
    else return;
    event.preventDefault();
  };

  const pointerAt = (event: PointerEvent<SVGSVGElement>) => {
    const key = (event.target as Element).getAttribute?.('data-key');
    const rect = containerRef.current?.getBoundingClientRect();
    if (!key || !rect) return setHover(null);
    setHover({ key, x: event.clientX - rect.left, y: event.clientY - rect.top });
  };

  const focused = roving.focusedIndex === null ? undefined : items[roving.focusedIndex];
  const tipItem = hover ? itemByKey.get(hover.key) : focused;
  const tipAnchor = hover ?? (focused ? toScreen(focused) : null);
  const tipText = tipItem
    ? `${tipItem.label}: ${format(tipItem.value)}`
    : hover && mode === 'country' && noDataName.has(hover.key)
      ? `${noDataName.get(hover.key)}: no data`
      : null;

  const selectedKey = !selected
    ? undefined
    : mode === 'grid'
      ? selected
      : layered && !itemByKey.has(selected.toUpperCase())
        ? pointKeyPrefix + selected
        : selected.toUpperCase();
  const selectedItem = selectedKey ? itemByKey.get(selectedKey) : undefined;
  const animate = zoom.discrete && !reducedMotion;
  const bubbleScale = 1 / Math.sqrt(k);
  const tableColumns = useMemo(
    () =>
      layered ? ['Place', 'Layer', valueLabel] : [mode === 'country' ? 'Country' : 'Location', valueLabel],
    [layered, mode, valueLabel],
  );
  const tableRows = useMemo(() => {
    const countryRows = [...items.filter((item) => !item.point).map((item) => item.datum), ...model.unmapped];
    const rowsOf = countryRows.map((d) => {
      const label =
        d.label ?? itemByKey.get(mode === 'country' ? d.key.toUpperCase() : d.key)?.label ?? d.key;
      return layered ? [label, 'Country', format(d.value)] : [label, format(d.value)];
    });
    for (const item of items) if (item.point) rowsOf.push([item.label, pointsLabel, format(item.value)]);
    return rowsOf;
  }, [items, model.unmapped, itemByKey, mode, layered, pointsLabel, format]);
  const frameStatus =
    topologyState.status === 'error' && !props.error
      ? { error: topologyState.error }
      : topologyState.status === 'loading'
        ? { loading: true }
        : {};

  const outline = (item: GeoItem<TRow>, stroke: string, strokeWidth: number) =>
    item.d !== undefined ? (
      <path
        d={item.d}
        fill="none"
        stroke={stroke}
        strokeWidth={strokeWidth}
        vectorEffect="non-scaling-stroke"
      />
    ) : (
      <circle
        cx={item.x}
        cy={item.y}
        r={(item.r ?? 0) * bubbleScale + 1 / k}
        fill="none"
        stroke={stroke}
        strokeWidth={strokeWidth}
        vectorEffect="non-scaling-stroke"
      />
    );

  return (
    <ChartFrame
      title={title}
      showTitle={props.showTitle ?? false}
      empty={rows.length === 0 && !layered}
      height={height}
      className={props.className ? `sl-geo ${props.className}` : 'sl-geo'}
      {...splitChartState(props)[0]}
      {...frameStatus}
    >
      <div
        ref={(node) => {
          containerRef.current = node;
          size.ref(node);
        }}
        style={{
          position: 'relative',
          width: props.width ?? '100%',
          ...(props.height !== undefined ? { height: props.height } : { aspectRatio: '2 / 1' }),
        }}
      >
        <svg
          ref={attachWheel}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-label={`${title}, map`}
          style={{ display: 'block', touchAction: 'none', cursor: 'grab', overflow: 'hidden' }}
          {...zoom.pointer}
          onPointerMove={(event) => {
            zoom.pointer.onPointerMove(event);
            pointerAt(event);
          }}
          onPointerLeave={() => setHover(null)}
          onClick={(event) => {
            const key = (event.target as Element).getAttribute?.('data-key');
            if (!key || zoom.wasDragged()) return;
            if (onOpen) open(itemByKey.get(key));
            else select(itemByKey.get(key));
          }}
        >
          <HatchDef id={hatchId} />
          {layered && (
            <defs>
              {/* The legend swatch of the point layer: one bubble as the map draws it. */}
              <pattern id={pointSwatchId} width={10} height={10} patternUnits="userSpaceOnUse">
                <circle cx={5} cy={5} r={3.5} fill={pointFill} stroke={themeVar.fg} strokeWidth={1.5} />
              </pattern>
            </defs>
          )}
          {/* The no-data hatch is a diagonal: classes never wear one, so "no data" still reads apart. */}
          {patternPrefix && (
            <PatternDefs idPrefix={patternPrefix} colors={scale.colors} exclude={noDataShape} />
          )}
          <defs>
            {/* Trims the copies of shapes that cross the antimeridian to the globe. */}
            <clipPath id={`${id}-sphere`}>
              <path d={paths?.sphere} />
            </clipPath>
          </defs>
          <g
            data-layer="zoom"
            style={{
              transform: `translate(${tx}px, ${ty}px) scale(${k})`,
              transformOrigin: '0 0',
              transition: animate ? 'transform 250ms ease-out' : undefined,
            }}
          >
            <path d={paths?.sphere} fill={themeVar.bg} stroke={themeVar.grid} aria-hidden="true" />
            <g clipPath={`url(#${id}-sphere)`}>
              <NoDataLayer countries={model.background} mode={mode} noDataFill={noDataFill} />
              <g
                role="listbox"
                aria-label={
                  layered
                    ? `${valueLabel} by country, then ${pointsLabel}, each highest first`
                    : `${valueLabel} by ${mode === 'country' ? 'country' : 'location'}, highest first`
                }
                onKeyDownCapture={onMapKeyDown}
              >
                <GeoMarks
                  items={items}
                  selectedKey={selectedKey}
                  activeIndex={roving.activeIndex}
                  focusedIndex={roving.focusedIndex}
                  scale={scale}
                  format={format}
                  bubbleScale={bubbleScale}
                  clickable={onSelect !== undefined || onOpen !== undefined}
                  patternPrefix={patternPrefix}
                  pointFill={layered ? pointFill : undefined}
                  handlers={roving.getItemHandlers}
                />
              </g>
              <g aria-hidden="true" pointerEvents="none">
                {selectedItem && outline(selectedItem, themeVar.fg, 2)}
                {focused && outline(focused, themeVar.focus, 3)}
              </g>
            </g>
          </g>
        </svg>
        <ZoomControls
          scale={k}
          maxScale={maxZoom}
          onZoomIn={() => zoom.zoomBy(1.5)}
          onZoomOut={() => zoom.zoomBy(1 / 1.5)}
          onReset={zoom.reset}
        />
        {tipText && tipAnchor && (
          <Tooltip id={`${id}-tip`} x={tipAnchor.x} y={tipAnchor.y} containerWidth={width}>
            {tipText}
          </Tooltip>
        )}
      </div>
      {!props.hideLegend && (
        <GeoLegend
          scale={scale}
          format={format}
          label={`${valueLabel} colour scale`}
          patternPrefix={patternPrefix}
          {...(mode === 'country' ? { noDataFill } : {})}
          {...(layered ? { pointsLabel, pointsFill: `url(#${pointSwatchId})` } : {})}
        />
      )}
      <VisuallyHiddenTable caption={title} columns={tableColumns} rows={tableRows} />
    </ChartFrame>
  );
}
