import { memo } from 'react';
import { Legend, type LegendItem } from '../shared/Legend';
import { patternFill } from '../theme/patterns';
import { classLabel, type ColorScale } from './useColorScale';

export interface GeoLegendProps {
  /** The map's colour scale. */
  scale: ColorScale;
  /** Formats class boundaries. */
  format: (value: number) => string;
  /** Fill used for countries without data (the hatch pattern); omitted in grid mode. */
  noDataFill?: string;
  /** Id prefix of the class patterns, when the map fills each class with a pattern as well as colour. */
  patternPrefix?: string | undefined;
  /** Names the point layer's entry, when bubbles are drawn over the choropleth. */
  pointsLabel?: string | undefined;
  /** Swatch of the point layer (a pattern drawing one bubble). */
  pointsFill?: string | undefined;
  /** Accessible name, e.g. "Events by country". */
  label: string;
}

/**
 * The colour classes ("0 – 4", "5 – 19"), the "No data" swatch and the point layer's bubble, on the shared
 * legend. Memoised.
 */
export const GeoLegend = memo(function GeoLegend(props: GeoLegendProps) {
  const { scale, format, noDataFill, label, patternPrefix, pointsLabel, pointsFill } = props;
  const items: LegendItem[] = scale.colors.map((color, i) => ({
    key: String(i),
    label: classLabel(scale, i, format),
    color: patternPrefix ? patternFill(patternPrefix, i) : color,
  }));
  if (noDataFill) items.push({ key: 'no-data', label: 'No data', color: noDataFill });
  if (pointsLabel && pointsFill) items.push({ key: 'points', label: pointsLabel, color: pointsFill });
  return <Legend items={items} label={label} />;
});
