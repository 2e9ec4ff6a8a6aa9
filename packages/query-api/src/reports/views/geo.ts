import { GEO_FIELD, GEO_SUMS } from '../../summaries/cubes';
import {
  type GeoResult,
  type GeoRow,
  type GeoView,
  MAX_COUNTRIES,
  MAX_GEO_CELLS,
  NONE_KEY,
  UNKNOWN_KEY,
} from '@sightline/schema/reports';
import {
  aggregation,
  bucketKey,
  type EsSearchResponse,
  type SearchBody,
  type TermsBucket,
} from '../es-types';
import { metricAggs, metricOrder, metricValue, readCell, type MetricBucket } from '../metrics';
import type { ViewContext } from './context';

const CODE_FIELD = 'access_device.location.country_code';
const NAME_FIELD = 'access_device.location.country';

type Centroid = { location?: { lat: number; lon: number }; count: number };
type Sum = { value: number };
type GeoBucket = MetricBucket & {
  key: string;
  centroid: Centroid;
  name?: { buckets: TermsBucket[] };
  summed_count?: Sum;
  summed_lat?: Sum;
  summed_lon?: Sum;
};

/**
 * From summaries (`summarised`), a country's position adds the sums its summary documents keep to
 * the centroid of the records read raw at the edges (summary documents have no position of their
 * own, so geo_centroid sees only those records; records have no sums, so the sums see only
 * summaries): the mean of every located record's latitude and longitude, as geo_centroid gives it.
 */
export function compileGeo(view: GeoView, ctx: ViewContext, summarised = false): SearchBody {
  const cellAggs = {
    ...metricAggs(view.metric),
    centroid: { geo_centroid: { field: GEO_FIELD } },
    ...(summarised
      ? {
          summed_count: { sum: { field: GEO_SUMS.count } },
          summed_lat: { sum: { field: GEO_SUMS.lat } },
          summed_lon: { sum: { field: GEO_SUMS.lon } },
        }
      : {}),
  };
  const cells =
    view.mode === 'country'
      ? {
          terms: { field: CODE_FIELD, size: MAX_COUNTRIES, order: metricOrder(view.metric) },
          aggs: { ...cellAggs, name: { terms: { field: NAME_FIELD, size: 1 } } },
        }
      : {
          geotile_grid: { field: GEO_FIELD, precision: view.precision, size: MAX_GEO_CELLS },
          aggs: cellAggs,
        };
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    query: ctx.query,
    aggs: view.mode === 'country' ? { cells, ...unplaced(view) } : { cells },
  };
}

const exists = (field: string) => ({ exists: { field } });

/** Records the map cannot place by country, so that they are counted rather than dropped. */
function unplaced(view: GeoView) {
  const aggs = metricAggs(view.metric);
  return {
    // Ingest keeps a name it cannot map (flagged country_unknown) and leaves the code empty.
    unknown_country: {
      filter: { bool: { filter: [exists(NAME_FIELD)], must_not: [exists(CODE_FIELD)] } },
      aggs,
    },
    no_country: { filter: { bool: { must_not: [exists(NAME_FIELD), exists(CODE_FIELD)] } }, aggs },
  };
}

export function parseGeo(view: GeoView, response: EsSearchResponse): Omit<GeoResult, 'meta'> {
  const buckets = aggregation<{ buckets: GeoBucket[] }>(response, 'cells').buckets;
  const rows = buckets.map((b): GeoRow => {
    const label = b.name?.buckets[0] ? bucketKey(b.name.buckets[0]) : undefined;
    const at = position(b);
    return {
      key: b.key,
      ...(label !== undefined ? { label } : {}),
      value: metricValue(view.metric, readCell(b)),
      ...(at ? { lat: at.lat, lon: at.lon } : {}),
    };
  });
  if (view.mode === 'country') {
    const extra: [string, string, string][] = [
      ['unknown_country', UNKNOWN_KEY, 'Unknown'],
      ['no_country', NONE_KEY, 'None'],
    ];
    for (const [name, key, label] of extra) {
      const bucket = aggregation<MetricBucket>(response, name);
      if (bucket.doc_count > 0) rows.push({ key, label, value: metricValue(view.metric, readCell(bucket)) });
    }
  }
  return { view: 'geo', mode: view.mode, metric: view.metric, rows };
}

/** The bucket's centroid: geo_centroid's over the records read, with the summaries' sums added in. */
function position(b: GeoBucket): { lat: number; lon: number } | undefined {
  const raw = b.centroid.location;
  const summed = b.summed_count?.value ?? 0;
  if (summed === 0) return raw;
  const rawCount = raw ? b.centroid.count : 0;
  const count = rawCount + summed;
  return {
    lat: ((raw ? raw.lat * rawCount : 0) + b.summed_lat!.value) / count,
    lon: ((raw ? raw.lon * rawCount : 0) + b.summed_lon!.value) / count,
  };
}
