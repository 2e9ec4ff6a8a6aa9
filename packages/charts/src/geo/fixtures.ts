import world from 'world-atlas/countries-110m.json';
import { featureAlpha2 } from './iso';
import type { WorldTopology } from './topology';
import type { GeoRow } from './types';

/** world-atlas 110m, imported directly so stories and tests render synchronously and deterministically. */
export const worldTopology = world as unknown as WorldTopology;

/** Failed logins by country for a week, as a `breakdown` on `access_device.location.country_code` returns them. */
export const failuresByCountry: GeoRow[] = [
  { key: 'US', value: 18231 },
  { key: 'IN', value: 9120 },
  { key: 'DE', value: 4420 },
  { key: 'BR', value: 3981 },
  { key: 'GB', value: 3302 },
  { key: 'FR', value: 2210 },
  { key: 'NG', value: 1877 },
  { key: 'RU', value: 1650 },
  { key: 'CN', value: 1402 },
  { key: 'JP', value: 990 },
  { key: 'CA', value: 870 },
  { key: 'AU', value: 640 },
  { key: 'MX', value: 512 },
  { key: 'ZA', value: 233 },
  { key: 'AR', value: 120 },
  { key: 'SG', value: 95 },
  { key: 'IS', value: 0 },
  { key: 'NZ', value: 0 },
];

/** A value for every country on the map, spread over three orders of magnitude. */
export const everyCountry: GeoRow[] = worldTopology.objects.countries.geometries.flatMap((g, i) => {
  const code = featureAlpha2(g.id, (g.properties as { name?: string } | undefined)?.name);
  return code ? [{ key: code, value: Math.round(((i * 7919) % 997) * 10.3) }] : [];
});

/** Deterministic pseudo-random numbers in [0, 1), so grid stories render the same every time. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const hubs: [number, number, number][] = [
  [40.7, -74, 1],
  [37.8, -122.4, 0.9],
  [51.5, -0.1, 0.8],
  [48.9, 2.35, 0.6],
  [52.5, 13.4, 0.6],
  [19.1, 72.9, 0.9],
  [12.97, 77.6, 0.8],
  [35.7, 139.7, 0.7],
  [-23.5, -46.6, 0.6],
  [6.5, 3.4, 0.5],
  [-33.9, 151.2, 0.4],
  [1.35, 103.8, 0.5],
];

/** `count` geotile cells clustered around busy cities, as a `geotile_grid` report returns them. */
export function gridCells(count: number, seed = 7): GeoRow[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const [lat, lon, weight] = hubs[i % hubs.length]!;
    const spread = 2 + random() * 12;
    const cellLat = Math.max(-80, Math.min(80, lat + (random() - 0.5) * spread));
    const cellLon = lon + (random() - 0.5) * spread * 1.5;
    return {
      key: `7/${i % 128}/${Math.floor(i / 128)}`,
      lat: cellLat,
      lon: cellLon,
      value: Math.round(weight * 2000 * random() ** 3),
    };
  });
}
