import type { GeometryCollection, Topology } from 'topojson-specification';

/** Properties world-atlas puts on each country: only the short English name. */
export interface CountryProperties {
  name?: string;
}

/** A world-atlas style topology: `objects.countries` is a collection of (multi)polygons with `name`. */
export type WorldTopology = Topology<{ countries: GeometryCollection<CountryProperties> }>;

let pending: Promise<WorldTopology> | undefined;

/**
 * Loads world-atlas countries-110m once per page. A dynamic import keeps the ~100 KB TopoJSON out of
 * the component bundle: bundlers split it into its own chunk, fetched only when a map without a
 * `topology` prop mounts.
 */
export function loadWorldTopology(): Promise<WorldTopology> {
  // The attribute lets Node load the JSON natively (server rendering from the installed build).
  pending ??= import('world-atlas/countries-110m.json', { with: { type: 'json' } }).then(
    (module) => ((module as { default?: unknown }).default ?? module) as WorldTopology,
  );
  pending.catch(() => {
    // Let a later mount retry after a failed network fetch.
    pending = undefined;
  });
  return pending;
}
