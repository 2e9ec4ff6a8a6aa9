/** How geo rows are keyed: by ISO 3166-1 alpha-2 country code, or by a grid cell with a position. */
export type GeoMode = 'country' | 'grid';

/** One row of a geo report, as the query API returns it. */
export interface GeoRow {
  /** Alpha-2 country code in `country` mode; the grid cell key (e.g. geotile "5/16/10") in `grid` mode. */
  key: string;
  /** The metric (events, failures…) for this country or cell. */
  value: number;
  /** Latitude of the cell centre, `grid` mode. */
  lat?: number;
  /** Longitude of the cell centre, `grid` mode. */
  lon?: number;
  /** Human label; defaults to the country name or the key. */
  label?: string;
}

/** Reads the fields of a custom row type; each defaults to the {@link GeoRow} field of the same name. */
export interface GeoAccessors<TRow> {
  /** Country code or cell key. */
  key?: (row: TRow) => string;
  /** The metric. */
  value?: (row: TRow) => number;
  /** Latitude, grid mode. */
  lat?: (row: TRow) => number | undefined;
  /** Longitude, grid mode. */
  lon?: (row: TRow) => number | undefined;
  /** Display label. */
  label?: (row: TRow) => string | undefined;
}

/** A row after accessors ran: what every geo hook works with. */
export interface GeoDatum<TRow = unknown> {
  key: string;
  value: number;
  lat?: number;
  lon?: number;
  label?: string;
  row: TRow;
}
