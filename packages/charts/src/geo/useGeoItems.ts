import { useMemo } from 'react';
import type { Bubble } from './useBubbles';
import type { CountryShape } from './useGeoPaths';
import type { GeoDatum, GeoMode } from './types';

/** A mark that has data: focusable, selectable, listed in the data table. */
export interface GeoItem<TRow = unknown> {
  key: string;
  label: string;
  value: number;
  datum: GeoDatum<TRow>;
  /** Map-space anchor (centroid or bubble centre), for the tooltip and keeping focus in view. */
  x: number;
  y: number;
  /** Outline for a country; undefined for a bubble. */
  d?: string;
  /** Radius for a bubble. */
  r?: number;
  /** True for a bubble of the point layer drawn over the choropleth. */
  point?: true;
}

/**
 * Prefix of a point bubble's key over the choropleth: a point keyed like a country ("FR") must not
 * take that country's place in lookups, React keys or `data-key`. No alpha-2 code has a colon.
 */
export const pointKeyPrefix = 'point:';

/** Everything the map draws, split by role. */
export interface GeoModel<TRow = unknown> {
  /** Marks with data, in keyboard order: highest value first, then by label. */
  items: GeoItem<TRow>[];
  /** Countries drawn without data (all countries in grid mode). */
  background: CountryShape[];
  /** Rows whose country is not drawn at this resolution (tiny states), still listed in the table. */
  unmapped: GeoDatum<TRow>[];
}

const byValueThenLabel = (a: GeoItem, b: GeoItem) => b.value - a.value || a.label.localeCompare(b.label);

/** Formats a grid cell position, e.g. "48.9° N, 2.4° E", when a row has no label. */
export function formatLatLon(lat: number, lon: number): string {
  const ns = `${Math.abs(lat).toFixed(1)}° ${lat < 0 ? 'S' : 'N'}`;
  const ew = `${Math.abs(lon).toFixed(1)}° ${lon < 0 ? 'W' : 'E'}`;
  return `${ns}, ${ew}`;
}

function bubbleItems<TRow>(bubbles: readonly Bubble<TRow>[], asPoints: boolean): GeoItem<TRow>[] {
  const items = bubbles.map(({ datum, x, y, r }): GeoItem<TRow> => ({
    key: asPoints ? pointKeyPrefix + datum.key : datum.key,
    label:
      datum.label ??
      (datum.lat !== undefined && datum.lon !== undefined ? formatLatLon(datum.lat, datum.lon) : datum.key),
    value: datum.value,
    datum,
    x,
    y,
    r,
    ...(asPoints ? { point: true as const } : {}),
  }));
  return items.sort(byValueThenLabel);
}

/**
 * Joins rows to country shapes (by alpha-2 code) or to projected bubbles. In country mode, bubbles
 * are a point layer over the choropleth: listed after the countries, so they paint above them and
 * the keyboard reaches them once past the countries.
 */
export function buildGeoModel<TRow>(
  mode: GeoMode,
  data: readonly GeoDatum<TRow>[],
  countries: readonly CountryShape[],
  bubbles: readonly Bubble<TRow>[],
): GeoModel<TRow> {
  if (mode === 'grid')
    return { items: bubbleItems(bubbles, false), background: [...countries], unmapped: [] };
  const byCode = new Map<string, GeoDatum<TRow>>();
  for (const datum of data) byCode.set(datum.key.toUpperCase(), datum);
  const items: GeoItem<TRow>[] = [];
  const background: CountryShape[] = [];
  for (const country of countries) {
    const datum = country.code ? byCode.get(country.code) : undefined;
    if (!datum || !country.code) {
      background.push(country);
      continue;
    }
    byCode.delete(country.code);
    const [x, y] = country.centroid;
    items.push({
      key: country.code,
      label: datum.label ?? country.name,
      value: datum.value,
      datum,
      x,
      y,
      d: country.d,
    });
  }
  items.sort(byValueThenLabel);
  if (bubbles.length > 0) items.push(...bubbleItems(bubbles, true));
  return { items, background, unmapped: [...byCode.values()] };
}

/** Memoised {@link buildGeoModel}. */
export function useGeoItems<TRow>(
  mode: GeoMode,
  data: readonly GeoDatum<TRow>[],
  countries: readonly CountryShape[] | undefined,
  bubbles: readonly Bubble<TRow>[],
): GeoModel<TRow> {
  return useMemo(() => buildGeoModel(mode, data, countries ?? [], bubbles), [mode, data, countries, bubbles]);
}
