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

const itemStyle = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 6,
  padding: '2px 6px',
  border: 0,
  borderRadius: 'var(--sl-radius, 4px)',
  background: 'transparent',
  color: themeVar.fg,
  // Longhands, not the \`font\` shorthand: the selected entry overrides the weight alone.
  fontFamily: 'inherit',
  fontSize: 'inherit',
  fontWeight: 'inherit',
  lineHeight: 'inherit',
  maxWidth: '100%',
  cursor: 'pointer',
} as const;

// 24 px square: the WCAG 2.2 minimum target size, though the swatch inside is 10 px.
const toggleStyle = {
  ...itemStyle,
  justifyContent: 'center',
  flex: 'none',
  width: 24,
  height: 24,
  padding: 0,
} as const;

function Swatch({ color, hidden }: { color: string; hidden?: boolean }) {
  // Pattern fills (`url(#…)`) need SVG; plain colours use a cheaper styled span.
  if (color.startsWith('url(')) {
    return (
      <svg width={10} height={10} aria-hidden="true" style={{ flex: 'none' }}>
        <rect
          width={10}
          height={10}
          rx={2}
          fill={hidden ? 'none' : color}
          stroke={color}
          strokeWidth={hidden ? 2 : 0}
        />
      </svg>
    );
  }
  return (
    <span
      aria-hidden="true"
      style={{
        flex: 'none',
        width: 10,
        height: 10,
        boxSizing: 'border-box',
        borderRadius: 2,
        background: hidden ? 'transparent' : color,
        border: `2px solid ${color}`,
      }}
    />
  );
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
  const listStyle = { display: 'flex', flexWrap: 'wrap', gap: 4, margin: '8px 0 0', padding: 0 } as const;
  const text = (item: LegendItem, textId?: string) => (
    <span
      id={textId}
      style={{
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
        textDecoration: item.hidden ? 'line-through' : undefined,
        color: item.hidden ? themeVar.muted : undefined,
      }}
    >
      {item.label}
    </span>
  );
  if (!onToggle && !onSelect) {
    return (
      <ul aria-label={label} className="sl-legend" style={{ ...listStyle, listStyle: 'none' }}>
        {items.map((item) => (
          <li key={item.key} style={{ ...itemStyle, cursor: undefined }}>
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
    <div role="group" aria-label={label} className="sl-legend" style={listStyle}>
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
            style={{ display: 'inline-flex', alignItems: 'center', maxWidth: '100%' }}
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
                style={toggleStyle}
                onClick={() => onToggle?.(item.key)}
              >
                <Swatch color={item.color} hidden={item.hidden} />
              </button>
            )}
            <button
              {...rovingProps(i * perItem + perItem - 1)}
              className="sl-legend-item"
              aria-pressed={onSelect ? item.selected : !item.hidden}
              style={
                onSelect && item.selected
                  ? { ...itemStyle, background: themeVar.selection, fontWeight: 600 }
                  : itemStyle
              }
              onClick={() => (onSelect ? onSelect(item.key) : onToggle?.(item.key))}
            >
              {!split && <Swatch color={item.color} hidden={item.hidden} />}
              {text(item, textId)}
            </button>
          </span>
        );
      })}
    </div>
  );
});
