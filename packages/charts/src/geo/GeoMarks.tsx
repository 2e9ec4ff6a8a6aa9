import { memo, type CSSProperties } from 'react';
import type { RovingItemHandlers } from '../shared/useRovingFocus';
import { themeVar } from '../theme/palette';
import { patternFill } from '../theme/patterns';
import { markStroke } from './markStroke';
import type { ColorScale } from './useColorScale';
import type { GeoItem } from './useGeoItems';

export interface GeoMarksProps {
  /** Countries or bubbles with data, in keyboard order. */
  items: readonly GeoItem[];
  /** Key of the selected item, as the items spell it. */
  selectedKey: string | undefined;
  /** Index of the item holding the tab stop. */
  activeIndex: number;
  /** Index of the item with keyboard focus, or null. */
  focusedIndex: number | null;
  scale: ColorScale;
  format: (value: number) => string;
  /** Bubble radii shrink as 1/√zoom so zoomed-in clusters separate. */
  bubbleScale: number;
  /** Shows the pointer cursor when marks can be selected. */
  clickable: boolean;
  /** Id prefix of the class patterns, when marks are filled with a pattern per colour class. */
  patternPrefix?: string | undefined;
  /**
   * Fill of the point layer's bubbles over the choropleth. They do not take a class colour, which
   * would melt into the country of the same class beneath them.
   */
  pointFill?: string | undefined;
  /** The roving focus's stable ref and handlers per item. */
  handlers: (index: number) => RovingItemHandlers<SVGElement>;
}

const clickableStyle: CSSProperties = { cursor: 'pointer', outline: 'none' };
const plainStyle: CSSProperties = { outline: 'none' };

/**
 * The map's marks with data, as the options of its listbox. Memoised, with props that hovering
 * leaves alone: moving the pointer over thousands of bubbles re-renders only the tooltip, and the
 * keyboard re-renders these for the tab stop and the focus.
 */
export const GeoMarks = memo(function GeoMarks(props: GeoMarksProps) {
  const { items, selectedKey, activeIndex, focusedIndex, scale, format, bubbleScale, handlers } = props;
  const { patternPrefix, pointFill } = props;
  const style = props.clickable ? clickableStyle : plainStyle;
  return items.map((item, i) => {
    const bucket = scale.bucketOf(item.value);
    const classFill = patternPrefix ? patternFill(patternPrefix, bucket) : scale.colorOf(item.value);
    const layerPoint = item.point && pointFill !== undefined;
    const common = {
      ...handlers(i),
      tabIndex: i === activeIndex ? 0 : -1,
      'data-focused': focusedIndex === i || undefined,
      role: 'option',
      'aria-label': `${item.label}: ${format(item.value)}`,
      'aria-selected': item.key === selectedKey,
      'data-key': item.key,
      'data-bucket': layerPoint ? undefined : bucket,
      fill: layerPoint ? pointFill : classFill,
      style,
    };
    return item.d !== undefined ? (
      <path key={item.key} d={item.d} {...common} {...markStroke} />
    ) : (
      <circle
        key={item.key}
        cx={item.x}
        cy={item.y}
        r={Math.max(item.r ?? 0, 1.5) * bubbleScale}
        fillOpacity={layerPoint ? 0.85 : 0.8}
        {...common}
        {...markStroke}
        stroke={themeVar.fg}
        {...(layerPoint ? { strokeWidth: 1.5 } : {})}
        {...(item.value === 0 ? { fill: 'none' } : {})}
      />
    );
  });
});
