import type { GeoAccessors, GeoDatum, GeoRow } from './types';

const field = <T>(row: unknown, name: keyof GeoRow): T => (row as Record<string, unknown>)[name] as T;

/** Applies accessors (or the default {@link GeoRow} fields) and drops rows whose value is not a finite number. */
export function normalizeGeoRows<TRow>(
  rows: readonly TRow[],
  accessors: GeoAccessors<TRow> = {},
): GeoDatum<TRow>[] {
  const out: GeoDatum<TRow>[] = [];
  for (const row of rows) {
    const value = accessors.value ? accessors.value(row) : field<number>(row, 'value');
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const key = String(accessors.key ? accessors.key(row) : field<string>(row, 'key'));
    const lat = accessors.lat ? accessors.lat(row) : field<number | undefined>(row, 'lat');
    const lon = accessors.lon ? accessors.lon(row) : field<number | undefined>(row, 'lon');
    const label = accessors.label ? accessors.label(row) : field<string | undefined>(row, 'label');
    out.push({
      key,
      value,
      row,
      ...(typeof lat === 'number' ? { lat } : {}),
      ...(typeof lon === 'number' ? { lon } : {}),
      ...(label ? { label } : {}),
    });
  }
  return out;
}
