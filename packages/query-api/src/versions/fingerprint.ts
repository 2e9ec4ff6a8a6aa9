import type { estypes } from '@elastic/elasticsearch';

/**
 * What a version of a period holds, in a few numbers: enough to tell a faithful rebuild from one
 * that lost or changed records. Computed by one search with aggregations (no document is read), so
 * fingerprinting a month of a million records takes well under a second of the node's time.
 */
export interface Fingerprint {
  rows: number;
  byResult: Record<string, number>;
  /** Rows per access-device country code; rows without one are in nullRates.country. */
  byCountry: Record<string, number>;
  /** Share (0..1) of rows with no value, per dimension. */
  nullRates: { user: number; application: number; country: number };
  /** Distinct user names (HyperLogLog: exact below 40,000, within about 1% above). */
  distinctUsers: number;
  /** Shannon entropy in bits of the country codes and of the applications, over rows that have one. */
  countryEntropy: number;
  applicationEntropy: number;
  /** Share (0..1) of rows carrying each quality flag. */
  qualityRates: Record<string, number>;
}

/** The fields the fingerprint reads: the dimensions the quality checks watch. */
export const FINGERPRINT_FIELDS = {
  result: 'result',
  user: 'user.name',
  application: 'application.name',
  country: 'access_device.location.country_code',
  quality: 'quality',
} as const;

/** More buckets than there are countries, results or flags; applications beyond it are rare tails. */
const MAX_TERMS = 10_000;

/** The search computing the fingerprint of `index` (optionally one customer's rows). */
export function fingerprintRequest(index: string, customer?: string): estypes.SearchRequest {
  const f = FINGERPRINT_FIELDS;
  return {
    index,
    size: 0,
    track_total_hits: true,
    request_cache: false,
    query: customer === undefined ? { match_all: {} } : { term: { customer_id: customer } },
    aggs: {
      result: { terms: { field: f.result, size: MAX_TERMS } },
      country: { terms: { field: f.country, size: MAX_TERMS } },
      application: { terms: { field: f.application, size: MAX_TERMS } },
      quality: { terms: { field: f.quality, size: MAX_TERMS } },
      no_user: { missing: { field: f.user } },
      no_application: { missing: { field: f.application } },
      no_country: { missing: { field: f.country } },
      users: { cardinality: { field: f.user, precision_threshold: 40_000 } },
    },
  };
}

interface Terms {
  buckets: { key: string | number; doc_count: number }[];
  sum_other_doc_count?: number;
}
interface FingerprintAggs {
  result: Terms;
  country: Terms;
  application: Terms;
  quality: Terms;
  no_user: { doc_count: number };
  no_application: { doc_count: number };
  no_country: { doc_count: number };
  users: { value: number };
}

function counts(terms: Terms): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of terms.buckets) out[String(b.key)] = b.doc_count;
  return out;
}

/** Shannon entropy (bits) of a distribution given as counts. */
export function entropy(values: readonly number[]): number {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (total === 0) return 0;
  let h = 0;
  for (const v of values) {
    if (v <= 0) continue;
    const p = v / total;
    h -= p * Math.log2(p);
  }
  // -0 and rounding noise below a millionth of a bit say nothing.
  return Math.round(h * 1e9) / 1e9;
}

/** The fingerprint from the response to fingerprintRequest. Pure. */
export function fingerprintFrom(response: {
  hits: { total?: number | { value: number } };
  aggregations?: unknown;
}): Fingerprint {
  const total = response.hits.total;
  const rows = typeof total === 'number' ? total : (total?.value ?? 0);
  const aggs = response.aggregations as FingerprintAggs | undefined;
  if (!aggs) throw new Error('the fingerprint search returned no aggregations');
  const rate = (n: number) => (rows === 0 ? 0 : n / rows);
  const applications = aggs.application.buckets.map((b) => b.doc_count);
  // A tail beyond the bucket limit counts as one more application: an underestimate, never noise.
  if ((aggs.application.sum_other_doc_count ?? 0) > 0)
    applications.push(aggs.application.sum_other_doc_count!);
  const qualityRates: Record<string, number> = {};
  for (const [flag, n] of Object.entries(counts(aggs.quality))) qualityRates[flag] = rate(n);
  return {
    rows,
    byResult: counts(aggs.result),
    byCountry: counts(aggs.country),
    nullRates: {
      user: rate(aggs.no_user.doc_count),
      application: rate(aggs.no_application.doc_count),
      country: rate(aggs.no_country.doc_count),
    },
    distinctUsers: aggs.users.value,
    countryEntropy: entropy(aggs.country.buckets.map((b) => b.doc_count)),
    applicationEntropy: entropy(applications),
    qualityRates,
  };
}
