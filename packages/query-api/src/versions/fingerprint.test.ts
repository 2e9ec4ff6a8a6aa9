import { describe, expect, it } from 'vitest';
import { entropy, fingerprintFrom, fingerprintRequest } from './fingerprint';

const response = {
  hits: { total: { value: 200, relation: 'eq' } },
  aggregations: {
    result: {
      buckets: [
        { key: 'success', doc_count: 150 },
        { key: 'denied', doc_count: 50 },
      ],
    },
    country: {
      buckets: [
        { key: 'DE', doc_count: 90 },
        { key: 'US', doc_count: 90 },
      ],
    },
    application: { buckets: [{ key: 'VPN', doc_count: 100 }], sum_other_doc_count: 100 },
    quality: { buckets: [{ key: 'country_unknown', doc_count: 20 }] },
    no_user: { doc_count: 0 },
    no_application: { doc_count: 0 },
    no_country: { doc_count: 20 },
    users: { value: 37 },
  },
};

describe('fingerprintFrom', () => {
  it('reads counts, empty rates, distinct users, entropies and flag rates from one response', () => {
    expect(fingerprintFrom(response)).toEqual({
      rows: 200,
      byResult: { success: 150, denied: 50 },
      byCountry: { DE: 90, US: 90 },
      nullRates: { user: 0, application: 0, country: 0.1 },
      distinctUsers: 37,
      countryEntropy: 1,
      // The tail beyond the bucket limit counts as one more application.
      applicationEntropy: 1,
      qualityRates: { country_unknown: 0.1 },
    });
  });

  it('gives zero rates for an empty version instead of dividing by zero', () => {
    const empty = fingerprintFrom({
      hits: { total: 0 },
      aggregations: {
        ...response.aggregations,
        result: { buckets: [] },
        country: { buckets: [] },
        application: { buckets: [] },
        quality: { buckets: [{ key: 'x', doc_count: 0 }] },
        no_country: { doc_count: 0 },
        users: { value: 0 },
      },
    });
    expect(empty.rows).toBe(0);
    expect(empty.nullRates).toEqual({ user: 0, application: 0, country: 0 });
    expect(empty.countryEntropy).toBe(0);
    expect(empty.qualityRates).toEqual({ x: 0 });
  });

  it('refuses a response without aggregations', () => {
    expect(() => fingerprintFrom({ hits: { total: 3 } })).toThrow(/no aggregations/);
  });
});

describe('entropy', () => {
  it('is 0 for one value, log2(n) for n equal values, and ignores empty buckets', () => {
    expect(entropy([42])).toBe(0);
    expect(entropy([5, 5, 5, 5])).toBe(2);
    expect(entropy([5, 0, 5])).toBe(1);
    expect(entropy([])).toBe(0);
    expect(entropy([3, 1])).toBeCloseTo(0.811278, 6);
  });
});

describe('fingerprintRequest', () => {
  it('is one search with no hits, exact totals, and a customer filter only when asked', () => {
    const all = fingerprintRequest('idx');
    expect(all).toMatchObject({ index: 'idx', size: 0, track_total_hits: true, query: { match_all: {} } });
    expect(Object.keys(all.aggs!)).toEqual(
      expect.arrayContaining(['result', 'country', 'application', 'quality', 'no_user', 'users']),
    );
    expect(fingerprintRequest('idx', 'acme').query).toEqual({ term: { customer_id: 'acme' } });
  });
});
