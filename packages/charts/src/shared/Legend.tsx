import { memo } from 'react';
import type { ReactNode } from 'react';
import { themeVar } from '../theme/palette';
import { useRovingFocus } from './useRovingFocus';

export interface LegendItem {
  /** Stable key of the series or slice. */
  key: string;
  /** Text shown. */
  label: ReactNode;
  /** Swatch fill (a colour or a `url(#pattern)`). */
  color: string;
  /** True when the series is hidden (rendered struck through, `aria-pressed="false"`). */
  hidden?: boolean;
}

export interface LegendProps {
  /** Items in display order. */
  items: readonly LegendItem[];
  /** Makes items toggle buttons; called with the item key. Without it the legend is a static list. */
  onToggle?: (key: string) => void;
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
  font: 'inherit',
  maxWidth: '100%',
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
 * Series legend. With `onToggle`, items are toggle buttons (`aria-pressed` = shown) sharing one
 * tab stop: arrow keys move between them, Enter/Space toggle.
 */
export const Legend = memo(function Legend({ items, onToggle, onHighlight, label = 'Legend' }: LegendProps) {
  const roving = useRovingFocus<HTMLButtonElement>({ count: items.length });
  const listStyle = { display: 'flex', flexWrap: 'wrap', gap: 4, margin: '8px 0 0', padding: 0 } as const;
  const text = (item: LegendItem) => (
    <span
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
  if (!onToggle) {
    return (
      <ul aria-label={label} className="sl-legend" style={{ ...listStyle, listStyle: 'none' }}>
        {items.map((item) => (
          <li key={item.key} style={itemStyle}>
            <Swatch color={item.color} />
            {text(item)}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div role="group" aria-label={label} className="sl-legend" style={listStyle}>
      {items.map((item, i) => {
        const { onKeyDown, ...rest } = roving.getItemProps(i);
        return (
          <button
            key={item.key}
            type="button"
            className="sl-legend-item"
            aria-pressed={!item.hidden}
            style={{ ...itemStyle, cursor: 'pointer' }}
            {...rest}
            onKeyDown={(event) => {
              // Native buttons already activate on Enter/Space; only arrows and Home/End are ours.
              if (event.key !== 'Enter' && event.key !== ' ') onKeyDown(event);
            }}
            onClick={() => onToggle(item.key)}
            onMouseEnter={() => onHighlight?.(item.key)}
            onMouseLeave={() => onHighlight?.(null)}
            onFocusCapture={() => onHighlight?.(item.key)}
            onBlurCapture={() => onHighlight?.(null)}
          >
            <Swatch color={item.color} hidden={item.hidden} />
            {text(item)}
          </button>
        );
      })}
    </div>
  );
});
