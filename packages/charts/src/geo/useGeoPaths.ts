import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { Feature, Geometry, Position } from 'geojson';
import { fitEqualEarth, mainCentroid, ringsToPath, spherePath, type Project } from './equalEarth';
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
  /** Projected centre of the main landmass, for the tooltip and keeping a focused country in view. */
  centroid: [number, number];
}

/** The projected map: country shapes plus the projection for placing points. */
export interface GeoPaths {
  countries: CountryShape[];
  project: Project;
  /** Outline of the whole globe (the Equal Earth silhouette). */
  sphere: string;
}

function ringsOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

/** Projects world-atlas countries with Equal Earth, fitted (whole globe) into `width` × `height`. */
export function projectCountries(topology: WorldTopology, width: number, height: number, pad = 4): GeoPaths {
  const project = fitEqualEarth(pad, pad, Math.max(pad + 1, width - pad), Math.max(pad + 1, height - pad));
  const collection = feature(topology, topology.objects.countries);
  const countries = collection.features.map((f: Feature<Geometry, CountryProperties>) => {
    const name = f.properties?.name ?? String(f.id ?? '');
    const code = featureAlpha2(f.id, f.properties?.name);
    const rings = ringsOf(f.geometry);
    return {
      id: f.id === undefined ? name : String(f.id),
      name,
      d: ringsToPath(rings, project),
      centroid: mainCentroid(rings, project),
      ...(code ? { code } : {}),
    };
  });
  return { countries, project, sphere: spherePath(project) };
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
