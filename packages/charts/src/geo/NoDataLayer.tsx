import { memo } from 'react';
import { themeVar } from '../theme/palette';
import { markStroke } from './markStroke';
import type { GeoMode } from './types';
import type { CountryShape } from './useGeoPaths';

export interface NoDataLayerProps {
  /** Countries drawn without data: in grid mode, every country. */
  countries: readonly CountryShape[];
  mode: GeoMode;
  /** The hatch pattern's `url(#…)`, for countries without data in country mode. */
  noDataFill: string;
}

/**
 * Countries without data: named images on the choropleth ("Chad: no data"), plain land under the
 * bubbles. They keep `data-key` so hovering one shows its tooltip. Memoised: hovering leaves it be.
 */
export const NoDataLayer = memo(function NoDataLayer({ countries, mode, noDataFill }: NoDataLayerProps) {
  return (
    <g
      {...(mode === 'country'
        ? { role: 'group', 'aria-label': 'Countries with no data' }
        : { 'aria-hidden': true })}
      fill={mode === 'country' ? noDataFill : themeVar.noData}
    >
      {countries.map((country) => (
        <path
          key={country.id}
          d={country.d}
          data-key={country.id}
          data-no-data=""
          {...(mode === 'country' ? { role: 'img', 'aria-label': `${country.name}: no data` } : {})}
          {...markStroke}
          stroke={themeVar.grid}
        />
      ))}
    </g>
  );
});
