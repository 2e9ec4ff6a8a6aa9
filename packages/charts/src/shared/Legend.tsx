import { memo, useId } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { themeVar } from '../theme/palette';
import { useRovingFocus } from './useRovingFocus';

export interface LegendItem {
  /** Stable key of the series or slice. */
  key: string;
  /** Text shown. */
  label: ReactNode;
  /** Swatch fill (a colour or a `url(#pattern)`). */
  color: string;
  /** True when the series is hidden: struck through, hollow swatch, its toggle not pressed. */
  hidden?: boolean;
  /** True when the host has selected it; with `onSelect`, sets `aria-pressed` on the entry. */
  selected?: boolean;
}

export interface LegendProps {
  /** Items in display order. */
  items: readonly LegendItem[];
  /**
   * Shows and hides an item's series; called with its key. Alone, each entry is a toggle button.
   * With `onSelect`, a separate swatch button named "Show <label>" toggles instead.
   */
  onToggle?: (key: string) => void;
  /**
   * Selects an item as clicking its slice or series would (so a host can cross-filter); called with
   * its key when the entry is clicked or activated with Enter/Space.
   */
  onSelect?: (key: string) => void;
  /** Called when an item is hovered or focused (null when left), to highlight its series. */
  onHighlight?: (key: string | null) => void;
  /** Accessible name of the legend group. */
  label?: string;
}

// One stylesheet for every legend on the page instead of inline styles on each entry: inline styles
// cost a CSS parse per property per element and keep the browser from sharing computed styles
// between entries, which made a 50-entry legend take longer to draw than the rest of the donut.
// React 19 hoists it into <head> once (also when server rendering), ahead of the page's own
// stylesheets, so theme.css and host CSS override it at equal specificity. Swatch toggles are 24 px
// square (7 px padding around the 10 px swatch, which is 3 px padding and a 2 px border), the WCAG
// 2.2 minimum target size; sizes come from padding so a host's `box-sizing` reset cannot change them.
const legendCss = `.sl-legend{display:flex;flex-wrap:wrap;gap:4px;margin:8px 0 0;padding:0;list-style:none}
.sl-legend-entry,.sl-legend li,.sl-legend button{display:inline-flex;align-items:center;max-width:100%}
.sl-legend li,.sl-legend button{gap:6px;padding:2px 6px;border:0;border-radius:var(--sl-radius, 4px);background:none;color:${themeVar.fg};font-family:inherit;font-size:inherit;font-weight:inherit;line-height:inherit}
.sl-legend button{cursor:pointer}
.sl-legend .sl-legend-toggle{padding:7px}
.sl-legend .sl-legend-selected{background:${themeVar.selection};font-weight:600}
.sl-legend-text{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.sl-legend-off .sl-legend-text{text-decoration:line-through;color:${themeVar.muted}}
.sl-legend svg{flex:none}
.sl-legend-swatch{padding:3px;border:2px solid;border-radius:2px;background-color:currentColor}
.sl-legend-off .sl-legend-swatch{background-color:transparent}
.sl-legend-off rect{fill:none;stroke-width:2px}`;

function LegendStyle() {
  return (
    <style href="sl-legend" precedence="sl">
      {legendCss}
    </style>
  );
}

function Swatch({ color }: { color: string }) {
  // Pattern fills (`url(#…)`) need SVG; plain colours use a span whose border and fill follow `color`.
  // Either goes hollow inside a hidden item (.sl-legend-off).
  if (color.startsWith('url(')) {
    return (
      <svg width={10} height={10} aria-hidden="true">
        <rect width={10} height={10} rx={2} fill={color} stroke={color} strokeWidth={0} />
      </svg>
    );
  }
  return <span aria-hidden="true" className="sl-legend-swatch" style={{ color }} />;
}

/**
 * Series legend, in one of three forms:
 * - `onToggle` only: each entry is a toggle button (`aria-pressed` = shown) that hides its series;
 * - `onSelect` only: each entry is a button that selects its series;
 * - both: the entry selects, and the swatch before it is a separate toggle button ("Show Denied",
 *   `aria-pressed` = shown), so hiding a series stays one click away without taking over the click.
 *
 * All buttons share one tab stop: arrow keys and Home/End move between them, Enter/Space activate.
 * Without either callback the legend is a static list.
 */
export const Legend = memo(function Legend({
  items,
  onToggle,
  onSelect,
  onHighlight,
  label = 'Legend',
}: LegendProps) {
  const split = onToggle !== undefined && onSelect !== undefined;
  const perItem = split ? 2 : 1;
  const roving = useRovingFocus<HTMLButtonElement>({ count: items.length * perItem });
  const id = useId();
  const text = (item: LegendItem, textId?: string) => (
    <span id={textId} className="sl-legend-text">
      {item.label}
    </span>
  );
  if (!onToggle && !onSelect) {
    return (
      <ul aria-label={label} className="sl-legend">
        <LegendStyle />
        {items.map((item) => (
          <li key={item.key} className={item.hidden ? 'sl-legend-off' : undefined}>
            <Swatch color={item.color} />
            {text(item)}
          </li>
        ))}
      </ul>
    );
  }
  const rovingProps = (index: number) => {
    const { onKeyDown, ...rest } = roving.getItemProps(index);
    return {
      ...rest,
      type: 'button' as const,
      // Native buttons already activate on Enter/Space; only arrows and Home/End are ours.
      onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
        if (event.key !== 'Enter' && event.key !== ' ') onKeyDown(event);
      },
    };
  };
  return (
    <div role="group" aria-label={label} className="sl-legend">
      <LegendStyle />
      {split && (
        <span id={`${id}-show`} hidden>
          Show
        </span>
      )}
      {items.map((item, i) => {
        const textId = split ? `${id}-${i}` : undefined;
        return (
          <span
            key={item.key}
            className={item.hidden ? 'sl-legend-entry sl-legend-off' : 'sl-legend-entry'}
            onMouseEnter={() => onHighlight?.(item.key)}
            onMouseLeave={() => onHighlight?.(null)}
            onFocus={() => onHighlight?.(item.key)}
            onBlur={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onHighlight?.(null);
            }}
          >
            {split && (
              <button
                {...rovingProps(i * 2)}
                className="sl-legend-toggle"
                aria-pressed={!item.hidden}
                aria-labelledby={`${id}-show ${id}-${i}`}
                onClick={() => onToggle?.(item.key)}
              >
                <Swatch color={item.color} />
              </button>
            )}
            <button
              {...rovingProps(i * perItem + perItem - 1)}
              className={onSelect && item.selected ? 'sl-legend-item sl-legend-selected' : 'sl-legend-item'}
              aria-pressed={onSelect ? item.selected : !item.hidden}
              onClick={() => (onSelect ? onSelect(item.key) : onToggle?.(item.key))}
            >
              {!split && <Swatch color={item.color} />}
              {text(item, textId)}
            </button>
          </span>
        );
      })}
    </div>
  );
});
