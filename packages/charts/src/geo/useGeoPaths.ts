import { useMemo } from 'react';
import { geoEqualEarth, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, Geometry } from 'geojson';
import { featureAlpha2 } from './iso';
import type { CountryProperties, WorldTopology } from './topology';

/** One country outline, projected to SVG. */
export interface CountryShape {
  /** Stable React key: the numeric id, or the name for the few features without one. */
  id: string;
  /** ISO 3166-1 alpha-2 code, when the feature has one. */
  code?: string;
  /** English short name from world-atlas. */
  name: string;
  /** SVG path data. */
  d: string;
  /** Projected centroid, used to keep a keyboard-focused country in view. */
  centroid: [number, number];
}

/** The projected map: country shapes plus the projection for placing points. */
export interface GeoPaths {
  countries: CountryShape[];
  projection: GeoProjection;
  /** Outline of the whole globe (the Equal Earth silhouette). */
  sphere: string;
}

const SPHERE = { type: 'Sphere' } as const;

/** Projects world-atlas countries with Equal Earth, fitted (whole globe) into `width` × `height`. */
export function projectCountries(topology: WorldTopology, width: number, height: number, pad = 4): GeoPaths {
  const projection = geoEqualEarth().fitExtent(
    [
      [pad, pad],
      [Math.max(pad + 1, width - pad), Math.max(pad + 1, height - pad)],
    ],
    SPHERE,
  );
  // One decimal is sub-pixel at any size we draw and halves the server-rendered markup.
  const path = geoPath(projection).digits(1);
  const collection = feature(topology, topology.objects.countries);
  const countries = collection.features.map((f: Feature<Geometry, CountryProperties>) => {
    const name = f.properties?.name ?? String(f.id ?? '');
    const code = featureAlpha2(f.id, f.properties?.name);
    const [cx, cy] = path.centroid(f);
    return {
      id: f.id === undefined ? name : String(f.id),
      name,
      d: path(f) ?? '',
      centroid: [Number.isFinite(cx) ? cx : 0, Number.isFinite(cy) ? cy : 0] as [number, number],
      ...(code ? { code } : {}),
    };
  });
  return { countries, projection, sphere: path(SPHERE) ?? '' };
}

/** Memoised {@link projectCountries}: recomputed only when the topology or the size changes. */
export function useGeoPaths(
  topology: WorldTopology | undefined,
  width: number,
  height: number,
): GeoPaths | undefined {
  return useMemo(
    () => (topology ? projectCountries(topology, width, height) : undefined),
    [topology, width, height],
  );
}
