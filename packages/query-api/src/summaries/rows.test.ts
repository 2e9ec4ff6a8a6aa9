import { describe, expect, it } from 'vitest';
import { cubeAggregation, presenceAggregation, presenceDoc, rollUp, summaryDoc } from './rows';

const HOUR = Date.parse('2026-11-02T13:00:00Z');
const bucket = (country: string | null, doc_count: number) => ({
  key: {
    hour: HOUR,
    f0: 'authentication',
    f1: 'denied',
    f2: null,
    f3: 'duo_push',
    f4: 'VPN',
    f5: country,
    f6: null,
  },
  doc_count,
});

describe('summary documents', () => {
  it('stand for their records by _doc_count, carry the values of their combination and leave missing ones out', () => {
    const doc = summaryDoc('dimensions', 'acme', bucket('Germany', 42));
    expect(doc.source).toEqual({
      customer_id: 'acme',
      ts: '2026-11-02T13:00:00.000Z',
      summary_cube: 'dimensions',
      summary_key: doc.id,
      _doc_count: 42,
      event_type: 'authentication',
      result: 'denied',
      factor: 'duo_push',
      'application.name': 'VPN',
      'access_device.location.country': 'Germany',
    });
  });

  it('are named by what they summarise, so a recomputed hour overwrites them, whatever it now counts', () => {
    const a = summaryDoc('dimensions', 'acme', bucket('Germany', 42));
    expect(summaryDoc('dimensions', 'acme', bucket('Germany', 43)).id).toBe(a.id);
    expect(summaryDoc('dimensions', 'acme', bucket(null, 42)).id).not.toBe(a.id);
    expect(summaryDoc('dimensions', 'globex', bucket('Germany', 42)).id).not.toBe(a.id);
  });
});

describe('counting an hour', () => {
  it("groups one customer's records in the window by hour and every field of the cube, missing values included", () => {
    const request = cubeAggregation('users', 'acme', { from: HOUR, to: HOUR + 3_600_000 });
    expect(request.query).toEqual({
      bool: {
        filter: [
          { term: { customer_id: 'acme' } },
          { range: { ts: { gte: HOUR, lt: HOUR + 3_600_000, format: 'epoch_millis' } } },
        ],
      },
    });
    expect(request.aggs?.rows?.composite?.sources).toEqual([
      { hour: { date_histogram: { field: 'ts', fixed_interval: '1h' } } },
      { f0: { terms: { field: 'event_type', missing_bucket: true } } },
      { f1: { terms: { field: 'result', missing_bucket: true } } },
      { f2: { terms: { field: 'user.name', missing_bucket: true } } },
      { f3: { terms: { field: 'access_device.location.country_code', missing_bucket: true } } },
    ]);
  });
});

describe('centroid sums', () => {
  const located = (country: string, count: number, lat: number, lon: number) => ({
    ...bucket(country, count + 1),
    located: { count, location: { lat, lon } },
  });

  it("keep a combination's located records and the sums of their latitudes and longitudes", () => {
    expect(
      cubeAggregation('dimensions', 'acme', { from: HOUR, to: HOUR + 3_600_000 }).aggs?.rows?.aggs,
    ).toEqual({
      located: { geo_centroid: { field: 'access_device.location.geo' } },
    });
    const doc = summaryDoc('dimensions', 'acme', located('Germany', 4, 52.5, 13.25));
    expect(doc.source).toMatchObject({ _doc_count: 5, geo_count: 4, geo_lat_sum: 210, geo_lon_sum: 53 });
    // No located record: no sums (and cubes without centroids never carry them).
    expect(summaryDoc('dimensions', 'acme', bucket('Germany', 3)).source).not.toHaveProperty('geo_count');
    expect(
      summaryDoc('reasons', 'acme', rollUp('dimensions', 'reasons', [located('Germany', 4, 1, 1)])[0]!)
        .source,
    ).not.toHaveProperty('geo_count');
  });

  it('add up when combinations roll up into one', () => {
    const [france] = rollUp('dimensions', 'countries', [
      located('France', 2, 48.75, 2.5),
      { ...located('France', 1, 43.5, 7.25), key: { ...bucket('France', 1).key, f3: 'sms_passcode' } },
      bucket('France', 6),
    ]);
    expect(france).toMatchObject({ doc_count: 3 + 2 + 6, geo: { count: 3, lat: 141, lon: 12.25 } });
    expect(summaryDoc('countries', 'acme', france!).source).toMatchObject({
      geo_count: 3,
      geo_lat_sum: 141,
      geo_lon_sum: 12.25,
    });
  });
});

describe('a cube of some records (risky IPs)', () => {
  const window = { from: HOUR, to: HOUR + 3_600_000 };
  const reputation = (query: unknown) => JSON.stringify(query).includes('is_vpn');

  it('counts the records passing its condition, and per hour says which fields the others carried', () => {
    const counted = cubeAggregation('risky_ips', 'acme', window).query as { bool: { filter: unknown[] } };
    expect(counted.bool.filter).toHaveLength(3);
    expect(reputation(counted.bool.filter[2])).toBe(true);
    const others = presenceAggregation('risky_ips', 'acme', window).query as {
      bool: { filter: unknown[]; must_not: unknown[] };
    };
    expect(others.bool.filter).toHaveLength(2);
    expect(reputation(others.bool.must_not)).toBe(true);
  });

  it("keeps the others' presence in one document an hour that holds none of the cube's fields", () => {
    const doc = presenceDoc('risky_ips', 'acme', {
      key: HOUR,
      doc_count: 120,
      f0: { doc_count: 120 },
      f1: { doc_count: 120 },
      f2: { doc_count: 100 },
      f3: { doc_count: 0 },
      f4: { doc_count: 100 },
      f5: { doc_count: 0 },
    });
    expect(doc.source).toEqual({
      customer_id: 'acme',
      ts: '2026-11-02T13:00:00.000Z',
      summary_cube: 'risky_ips',
      summary_key: doc.id,
      _doc_count: 120,
      summary_present: ['event_type', 'result', 'access_device.ip', 'access_device.ip_reputation.is_vpn'],
    });
    expect(doc.id).not.toBe(summaryDoc('risky_ips', 'acme', { key: { hour: HOUR }, doc_count: 1 }).id);
  });
});

describe('rolling up', () => {
  it('counts the same records by fewer fields, adding up the combinations that become one', () => {
    const base = [
      bucket('Germany', 5),
      bucket('France', 3),
      { ...bucket('Germany', 2), key: { ...bucket('Germany', 2).key, f1: 'success' } },
    ];
    // countries: event type, result, country, country code (f5, f6 of the dimensions).
    expect(rollUp('dimensions', 'countries', base)).toEqual([
      { key: { hour: HOUR, f0: 'authentication', f1: 'denied', f2: 'Germany', f3: null }, doc_count: 5 },
      { key: { hour: HOUR, f0: 'authentication', f1: 'denied', f2: 'France', f3: null }, doc_count: 3 },
      { key: { hour: HOUR, f0: 'authentication', f1: 'success', f2: 'Germany', f3: null }, doc_count: 2 },
    ]);
    expect(rollUp('dimensions', 'reasons', base)).toEqual([
      { key: { hour: HOUR, f0: 'authentication', f1: 'denied', f2: null }, doc_count: 8 },
      { key: { hour: HOUR, f0: 'authentication', f1: 'success', f2: null }, doc_count: 2 },
    ]);
  });

  it('refuses a cube with a field the other does not hold', () => {
    expect(() => rollUp('dimensions', 'users', [bucket('Germany', 1)])).toThrow(/user\.name/);
  });
});
